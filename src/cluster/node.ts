// One cluster node: configuration from the state directory, membership when started, the DC's
// serialized CIB updates with majority replication, catch-up to the highest CIB version.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { cibVersion, compareVersions, type CibVersion } from "../cib/document.js";
import { cloneElement, serializeXml, type XmlElement } from "../cib/xml.js";
import { RpcError } from "../transport/protocol.js";
import { corosyncFacts } from "../transport/corosync-conf.js";
import { openCibStore, type CibStore } from "./store/cib-store.js";
import type { Logger } from "./log.js";
import { quorumNeeded, startMembership, type ClusterConfig, type Membership } from "./membership/membership.js";
import { readJson, removeClusterFiles, type PeerFile, type StateFiles } from "./state.js";
import { applyMembership } from "./store/status-section.js";
import { createControllerService, type ControllerService } from "./controller/service.js";
import { replicateToMajority } from "./membership/replicate.js";
import { applyClientPatch } from "./store/client-patch.js";
import { createFencingService, FENCING_DC_METHODS, type FencingService } from "./fencing.js";

export interface NodeEngine {
  config(): ClusterConfig | undefined;
  running(): boolean;
  start(): void;
  stop(): Promise<void>;
  /** The agent process is ending: stop running operations (their process groups) at once. */
  halt(): Promise<void>;
  reload(): void;
  /** New corosync.conf / peers: reload, and restart membership when running. */
  reconfigure(): Promise<void>;
  destroy(): Promise<void>;
  store: CibStore;
  membership(): Membership | undefined;
  status(): Record<string, unknown>;
  /** Apply a client's patch here (DC) or forward it to the DC. */
  patch(patchXml: string, forwarded: boolean, origin?: string): Promise<{ version: CibVersion }>;
  /** The CIB as the DC holds it (or ours when we are the DC or alone). */
  getCib(local: boolean): Promise<string>;
  onHeartbeat(from: string, info: { running: boolean; version?: CibVersion }): { running: boolean; version?: CibVersion };
  onStore(xml: string): { stored: boolean; version?: CibVersion };
  /** The controller's methods (executor, transition engine, attributes): only while running. */
  controllerCall(method: string, params: unknown): Promise<unknown>;
}

/** A CIB change taking longer than this is logged: the queue behind it waits. */
const SLOW_CHANGE_MS = 3000;
/** How long a leaving node waits for the DC to move its resources away before stopping them itself. */
const SHUTDOWN_TIMEOUT_MS = 30000;

const CONTROLLER_METHODS = /^(exec|controller|attrd|fence)\./;
export const isControllerMethod = (method: string): boolean => CONTROLLER_METHODS.test(method);
/** Asked of any node, answered by the DC. */
const DC_METHODS = new Set(["controller.state", "attrd.update", ...FENCING_DC_METHODS]);

/** The peers the fault harness cut this node off from: one name a line in `<state-dir>/blocked-peers`. */
function readBlockedPeers(dir: string): ReadonlySet<string> {
  try {
    return new Set(readFileSync(join(dir, "blocked-peers"), "utf8").split(/\s+/).filter(Boolean));
  } catch {
    return new Set();
  }
}

function loadConfig(files: StateFiles): ClusterConfig | undefined {
  if (!existsSync(files.corosync)) return undefined;
  const peers = readJson<PeerFile>(files.peers);
  if (!peers || !existsSync(files.clusterKey)) return undefined;
  const facts = corosyncFacts(readFileSync(files.corosync, "utf8"));
  return {
    clusterName: facts.clusterName,
    localName: peers.localName,
    nodes: facts.nodes.map((n) => ({ name: n.name, nodeid: n.nodeid })),
    peers: peers.peers,
    token: facts.token,
    twoNode: facts.twoNode,
    clusterKey: readFileSync(files.clusterKey, "utf8"),
  };
}

export function createNode(files: StateFiles, log: Logger): NodeEngine {
  let config = loadConfig(files);
  let membership: Membership | undefined;
  let controller: ControllerService | undefined;
  let fencing: FencingService | undefined;
  const store = openCibStore(files.cib);
  let pulling = false;
  let reconciling = false;

  const running = () => membership !== undefined;
  const incarnation = randomUUID();
  const self = () => ({ running: running(), version: store.current()?.version, incarnation });
  const isDc = () => !!config && membership?.view().dc?.name === config.localName;
  /** A member holds a newer CIB than ours (we just came back): catch up before acting as DC. */
  const behind = (): boolean => {
    const m = membership;
    const mine = store.current()?.version;
    if (!m || !config) return false;
    return [...m.view().members].some((name) => {
      const v = name === config!.localName ? undefined : m.peerVersion(name);
      return !!v && (!mine || compareVersions(v, mine) > 0);
    });
  };

  /** Send the CIB to the other members; resolve once a majority (us included) holds it. */
  const replicate = async (xml: string, sent: CibVersion): Promise<void> => {
    if (!config || !membership) return;
    const m = membership;
    const local = config.localName;
    await replicateToMajority({
      targets: [...m.view().members].filter((n) => n !== local),
      need: quorumNeeded(config) - 1,
      send: async (name) => {
        const link = await m.link(name);
        const r = await link.call<{ version?: CibVersion }>("peer.store", { xml, from: local }, config!.token);
        // a peer holding a newer CIB refuses ours: that is no copy of this change
        if (!r.version || compareVersions(r.version, sent) !== 0) throw new Error(`${name} did not store the CIB`);
      },
    });
  };

  /** Change the status section on the DC: serialized with client changes, then sent to the members. */
  const updateStatus = (mutate: (cib: XmlElement) => boolean): Promise<void> =>
    exclusiveLogged("status update", async () => {
      const now = store.current();
      if (!now || !config || !membership || !isDc()) return;
      const cib = cloneElement(now.cib);
      if (!mutate(cib)) return;
      // a partition without quorum keeps its status to itself: were its version to grow, the
      // quorate side would take this CIB for the newer one when the partition heals
      if (membership.view().quorate) cib.attrs.num_updates = String(Number(cib.attrs.num_updates ?? 0) + 1);
      const xml = serializeXml(cib);
      await Promise.all([replicate(xml, cibVersion(cib)).catch(() => undefined), store.replaceAsync(cib, xml)]);
    });

  /** A change in the CIB queue; one that takes long is logged (everything else waits behind it). */
  const exclusiveLogged = <T>(what: string, change: () => Promise<T>): Promise<T> =>
    store.exclusive(async () => {
      const started = Date.now();
      const slow = setTimeout(() => log("cib.slow-change", { what, afterMs: SLOW_CHANGE_MS }), SLOW_CHANGE_MS);
      try {
        return await change();
      } finally {
        clearTimeout(slow);
        if (Date.now() - started >= SLOW_CHANGE_MS) log("cib.slow-change-done", { what, ms: Date.now() - started });
      }
    });

  const reconcile = () => {
    if (!config || !membership || reconciling || !isDc() || behind()) return;
    const current = store.current();
    if (!current) return;
    const probe = cloneElement(current.cib);
    if (!applyMembership(probe, { ...membership.view(), nodes: config.nodes })) return;
    reconciling = true;
    void updateStatus((cib) => !!config && !!membership && applyMembership(cib, { ...membership.view(), nodes: config.nodes })).finally(() => {
      reconciling = false;
    });
  };

  const catchUp = () => {
    if (!config || !membership || pulling) return;
    const mine = store.current()?.version;
    const m = membership;
    const ahead = [...m.view().members].find((name) => {
      const v = m.peerVersion(name);
      return name !== config!.localName && v && (!mine || compareVersions(v, mine) > 0);
    });
    if (!ahead) return;
    pulling = true;
    void m
      .link(ahead)
      .then((link) => link.call<{ xml: string }>("cib.get", { local: true }, config!.token))
      .then(({ xml }) => store.exclusive(async () => store.storeIfNewer(xml)))
      .then((stored) => {
        if (!stored) return;
        log("cib.caught-up", { from: ahead, version: store.current()?.version });
        controller?.resync(`caught up with ${ahead}`);
      })
      .catch(() => undefined)
      .finally(() => {
        pulling = false;
      });
  };

  const start = () => {
    if (!config) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
    if (membership) return;
    writeFileSync(files.started, "");
    membership = startMembership({
      config,
      log,
      self,
      blockedPeers: () => readBlockedPeers(files.dir),
      afterRound: () => {
        catchUp();
        reconcile();
        if (!behind()) controller?.afterRound();
      },
    });
    const call = <T>(node: string, method: string, params: unknown, timeoutMs: number) => callNode<T>(node, method, params, timeoutMs);
    fencing = createFencingService({
      log,
      localName: () => config!.localName,
      nodes: () => config?.nodes ?? [],
      members: () => membership?.view().members ?? new Set<string>(),
      cib: () => store.current()?.cib,
      call,
      onFenced: async (entry) => controller?.onFenced(entry),
      onSelfFenced: (entry) => void selfFenced(entry.delegate ?? entry.origin),
    });
    const fencer = fencing;
    controller = createControllerService({
      fence: (target, action) => fencer.fence(target, action, `pacemaker-controld.${process.pid}`),
      joined: (names) => void fencer.shareHistory(names),
      fenceSelf: (reason) => void selfFenced(reason),
      log,
      stateDir: files.dir,
      localName: () => config!.localName,
      nodes: () => config?.nodes ?? [],
      members: () => membership?.view().members ?? new Set<string>(),
      quorate: () => membership?.view().quorate ?? false,
      isDc,
      dcName: () => membership?.view().dc?.name,
      incarnation: (name) => membership?.incarnation(name),
      cib: () => store.current()?.cib,
      updateStatus,
      call,
      callDc: (method, params) => (isDc() ? controllerCall(method, params) : forwardToDc(method, params)) as never,
    });
    log("cluster.started", { cluster: config.clusterName, node: config.localName });
  };

  const stop = async () => {
    rmSync(files.started, { force: true });
    const m = membership;
    if (!m || !config) return;
    await controller?.evacuate(SHUTDOWN_TIMEOUT_MS);
    membership = undefined;
    const c = controller;
    controller = undefined;
    await c?.stop();
    stopFencing();
    await sayLeaving(m);
    m.stop();
    log("cluster.stopped", {});
  };

  /** Tell the peers we are gone on purpose: they expect us down rather than fence us. */
  const sayLeaving = (m: Membership) =>
    Promise.all(
      (config?.nodes ?? [])
        .filter((n) => n.name !== config!.localName)
        .map((n) =>
          m
            .link(n.name)
            .then((l) => l.call("peer.leaving", { from: config!.localName }, 500))
            .catch(() => undefined),
        ),
    );

  const stopFencing = () => {
    fencing?.stop();
    fencing = undefined;
  };

  /** The cluster shot us: stop what we run and leave at once, without the clean shutdown's
   * evacuation (Pacemaker's controller exits on hearing it). A real fence device has already
   * powered the node off; this matters when it did not. */
  const selfFenced = async (by: string) => {
    const m = membership;
    if (!m) return;
    log("cluster.fenced", { by });
    membership = undefined;
    const c = controller;
    controller = undefined;
    stopFencing();
    await Promise.all([c?.abandon(SHUTDOWN_TIMEOUT_MS).then(() => c.stop()), sayLeaving(m)]);
    m.stop();
  };

  const forwardToDc = async <T>(method: string, params: unknown): Promise<T> => {
    const dc = membership?.view().dc;
    if (!config || !membership) throw new RpcError("NOT_RUNNING", "cluster is not currently running on this node");
    if (!dc) throw new RpcError("NO_QUORUM", "the cluster has no quorum, no Designated Controller");
    const m = membership;
    let watch: NodeJS.Timeout | undefined;
    // a DC that hangs is replaced after `token` ms: stop waiting for it then, the caller retries
    const replaced = new Promise<never>((_, reject) => {
      watch = setInterval(() => {
        if (m.view().dc?.name !== dc.name) reject(new RpcError("DC_UNREACHABLE", `the Designated Controller ${dc.name} was replaced`));
      }, 100);
    });
    try {
      const link = await Promise.race([m.link(dc.name), replaced]);
      // a change waits its turn in the DC's queue: only the DC being replaced ends the wait early
      return await Promise.race([link.call<T>(method, params, method === "cib.patch" ? 55000 : Math.max(5000, config.token * 3)), replaced]);
    } catch (e) {
      if (e instanceof RpcError) throw e;
      throw new RpcError("DC_UNREACHABLE", `the Designated Controller ${dc.name} did not answer: ${(e as Error).message}`);
    } finally {
      clearInterval(watch);
    }
  };

  const callNode = async <T>(node: string, method: string, params: unknown, timeoutMs: number): Promise<T> => {
    if (!config || !membership) throw new RpcError("NOT_RUNNING", "cluster is not currently running on this node");
    if (node === config.localName) return (await controllerCall(method, params)) as T;
    if (membership.blocked(node)) throw new RpcError("PARTITIONED", `${config.localName} is cut off from ${node}`);
    const link = await membership.link(node);
    return link.call<T>(method, params, timeoutMs);
  };

  const controllerCall = async (method: string, params: unknown): Promise<unknown> => {
    if (!controller || !membership) throw new RpcError("NOT_RUNNING", "cluster is not currently running on this node");
    if (DC_METHODS.has(method) && !isDc()) return forwardToDc(method, params);
    const fn = controller.methods[method] ?? fencing?.methods[method];
    if (!fn) throw new RpcError("UNKNOWN_METHOD", `unknown method '${method}'`);
    return fn(params as never);
  };

  return {
    config: () => config,
    controllerCall,
    running,
    start,
    stop,
    async halt() {
      const c = controller;
      controller = undefined;
      stopFencing();
      await c?.stop();
    },
    reload() {
      config = loadConfig(files);
    },
    async reconfigure() {
      const wasRunning = running();
      const m = membership;
      membership = undefined;
      const c = controller;
      controller = undefined;
      await c?.stop();
      stopFencing();
      m?.stop();
      config = loadConfig(files);
      if (wasRunning && config && config.nodes.some((n) => n.name === config!.localName)) start();
    },
    async destroy() {
      await stop();
      removeClusterFiles(files);
      store.clear();
      config = undefined;
    },
    store,
    membership: () => membership,
    status() {
      const v = membership?.view();
      return {
        node: config?.localName ?? null,
        cluster: config?.clusterName ?? null,
        running: running(),
        members: v ? [...v.members] : [],
        quorate: v?.quorate ?? false,
        dc: v?.dc?.name ?? null,
        excluded: v ? Object.fromEntries(v.excluded) : {},
        nodes: config?.nodes ?? [],
        version: store.current()?.version ?? null,
        onlineInCib: (store.current()?.cib.children.find((c) => c.name === "status")?.children ?? [])
          .filter((e) => e.name === "node_state" && e.attrs.crmd === "online")
          .map((e) => e.attrs.uname),
        quorumNeeded: config ? quorumNeeded(config) : 0,
        token: config?.token ?? null,
      };
    },
    async patch(patchXml, forwarded, origin) {
      if (!running()) throw new RpcError("NOT_RUNNING", "cluster is not currently running on this node");
      if (!isDc()) {
        if (forwarded) throw new RpcError("NOT_DC", "this node is not the Designated Controller");
        return forwardToDc("cib.patch", { patch: patchXml, forwarded: true, origin: config!.localName });
      }
      if (behind()) throw new RpcError("DC_SYNCING", "the Designated Controller is catching up with a newer CIB");
      // a partition without quorum keeps no change: its CIB would win over the majority's when they merge
      if (!membership?.view().quorate) throw new RpcError("NO_QUORUM", "the cluster has no quorum: the change was not stored");
      const applied = await applyClientPatch({ store, log, patchXml, origin: origin ?? config!.localName, replicate });
      log("cib.patch.applied", { version: applied.version, forwarded });
      void controller?.afterPatch(applied.before, applied.after);
      return { version: applied.version };
    },
    async getCib(local) {
      if (!local && running() && !isDc()) {
        const dc = membership?.view().dc;
        if (dc) {
          try {
            return (await forwardToDc<{ xml: string }>("cib.get", { local: true })).xml;
          } catch {
            // fall back to our own copy
          }
        }
      }
      const current = store.current();
      if (!current) throw new RpcError("NO_CIB", "this node holds no CIB");
      return current.xml;
    },
    onHeartbeat(from, info) {
      if (membership) membership.heard(from, info);
      return self();
    },
    onStore(xml) {
      const stored = store.storeIfNewer(xml);
      if (stored && isDc()) controller?.resync("a newer CIB was stored here");
      return { stored, version: store.current()?.version };
    },
  };
}
