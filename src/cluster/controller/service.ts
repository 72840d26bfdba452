// The controller on one node, joined up: the executor and the node's history on every node, the
// transition engine on the DC only, moving with the DC. Operation results travel as events to
// whichever node is DC when they finish, as in Pacemaker, so a DC change loses none.
import { join } from "node:path";
import type { XmlElement } from "../../cib/xml.js";
import { parseXml } from "../../cib/xml-parse.js";
import { createExecutor } from "../executor/index.js";
import type { GraphAction } from "../../scheduler/graph-types.js";
import { transitionGraph } from "../../scheduler/graph.js";
import type { Logger } from "../log.js";
import type { ClusterNode } from "../membership/membership.js";
import { eraseTransientAttributes, replaceNodeLrm, setTransientAttribute, transientAttribute } from "../store/status-section.js";
import { createDcController, type DcController } from "./dc.js";
import { createLocalController, requestFor, type OperationEvent } from "./local.js";
import { lrmResourcesRemoved } from "./lrm-diff.js";
import { setNodeAttribute, nodeAttribute } from "../store/node-attributes.js";
import { clusterProperty } from "../../cib/properties.js";
import type { FenceAction, FenceHistoryEntry } from "../fencer/types.js";
import { RpcError } from "../../transport/protocol.js";

export interface ControllerDeps {
  log: Logger;
  stateDir: string;
  localName(): string;
  nodes(): ClusterNode[];
  members(): ReadonlySet<string>;
  quorate(): boolean;
  isDc(): boolean;
  /** The DC of our partition, if any. */
  dcName(): string | undefined;
  /** Each member's incarnation (a restarted agent has a new one). */
  incarnation(name: string): string | undefined;
  cib(): XmlElement | undefined;
  updateStatus(mutate: (cib: XmlElement) => boolean): Promise<void>;
  /** Call a method on a node's agent (ourselves included). */
  call<T>(node: string, method: string, params: unknown, timeoutMs: number): Promise<T>;
  /** Call a method on the DC's agent (ourselves when we are DC). */
  callDc<T>(method: string, params: unknown): Promise<T>;
  /** Fence a node (the DC's transitions do). */
  fence(target: string, action: FenceAction): Promise<FenceHistoryEntry>;
  /** We must fence ourselves (no-quorum-policy=suicide): leave the cluster now. */
  fenceSelf(reason: string): void;
  /** Nodes joined while we are DC (they get the fencing history). */
  joined?(names: string[]): void;
}

/** How long past an action's own timeout the DC waits for its result before calling it lost. */
const RESULT_GRACE_MS = 20000;

export function createControllerService(d: ControllerDeps) {
  const nodeOf = (name: string) => {
    const n = d.nodes().find((x) => x.name === name);
    return n ? { name: n.name, nodeid: n.nodeid } : undefined;
  };

  const attributes = {
    localName: d.localName,
    async update(r: { node: string; name: string; value?: string; lifetime: "reboot" | "forever" }) {
      await d.callDc("attrd.update", r);
    },
    async query(r: { node: string; name: string; lifetime: "reboot" | "forever" }) {
      const cib = d.cib();
      const node = nodeOf(r.node);
      if (!cib || !node) return undefined;
      return r.lifetime === "forever" ? nodeAttribute(cib, node, r.name) : transientAttribute(cib, node, r.name);
    },
    async nodes() {
      const members = d.members();
      return d.nodes().map((n) => ({ name: n.name, id: String(n.nodeid), member: members.has(n.name) }));
    },
  };

  const reportToDc = (event: OperationEvent) => {
    void d.callDc("controller.event", { event }).catch((e: unknown) => d.log("controller.report-failed", { rsc: event.rscId, message: (e as Error).message }));
  };

  const executor = createExecutor({
    nodeName: d.localName(),
    stateDir: d.stateDir,
    sbinDir: join(d.stateDir, "sbin"),
    attributes,
    onRecurringResult: (req, result) => local.onRecurringResult(req, result),
    log: (event, data) => d.log(event, data as Record<string, unknown>),
  });
  const local = createLocalController({ nodeName: d.localName(), executor, report: reportToDc });

  /** Results the DC waits for, by transition key. */
  const waiting = new Map<string, (e: OperationEvent) => void>();
  /** The node each awaited result comes from, and how to give up on it. */
  const waitingOn = new Map<string, { node: string; fail(e: Error): void }>();
  let dc: DcController | undefined;
  let known = new Set<string>();
  const incarnations = new Map<string, string | undefined>();
  let everQuorate = false;

  const send = (node: string, action: GraphAction, key: string): Promise<OperationEvent> => {
    const timeoutMs = requestFor(action).timeoutMs + RESULT_GRACE_MS;
    return new Promise<OperationEvent>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        waiting.delete(key);
        waitingOn.delete(key);
      };
      const fail = (e: Error) => {
        settle();
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`no result from ${node} within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(key, (e) => {
        settle();
        resolve(e);
      });
      waitingOn.set(key, { node, fail });
      d.call(node, "exec.run", { action, key, dc: d.localName() }, 10000).catch((e: unknown) => fail(e as Error));
    });
  };

  /** A node's own account of what it runs replaces whatever the CIB said (join, DC takeover). */
  const refreshHistory = async (names: string[]) => {
    // results recorded while the accounts travel are newer than them: those are kept
    const mark = dc?.mark() ?? 0;
    const lrms = await Promise.all(
      names.map(async (name) => {
        try {
          const { xml } = await d.call<{ xml: string }>(name, "exec.history", {}, 5000);
          return { name, lrm: parseXml(xml) };
        } catch (e) {
          d.log("controller.history-failed", { node: name, message: (e as Error).message });
          return undefined;
        }
      }),
    );
    await d.updateStatus((cib) => {
      for (const entry of lrms) {
        const node = entry && nodeOf(entry.name);
        if (entry && node) replaceNodeLrm(cib, node, entry.lrm, dc?.recordedSince(mark, entry.name));
      }
      return lrms.some(Boolean);
    });
  };

  const becomeDc = () => {
    d.log("controller.dc-takeover", { node: d.localName() });
    dc = createDcController({
      log: d.log,
      cib: d.cib,
      updateStatus: d.updateStatus,
      send,
      forget: (node, rscId) => d.call(node, "exec.forget", { rscId }, 5000).then(() => undefined),
      nodeId: (name) => nodeOf(name)?.nodeid,
      // as Pacemaker's controller tells its scheduler: this partition had quorum and lost it
      graph: (cib, now) => transitionGraph(everQuorate && !d.quorate() ? { ...cib, attrs: { ...cib.attrs, "no-quorum-panic": "1" } } : cib, now),
      fence: d.fence,
      localName: d.localName(),
      fenceSelf: d.fenceSelf,
    });
    known = new Set(d.members());
    for (const n of known) incarnations.set(n, d.incarnation(n));
    dc.hold("DC takeover", refreshHistory([...known]));
  };

  return {
    /** After every membership round: follow the DC role and the members' comings and goings. */
    afterRound(): void {
      everQuorate ||= d.quorate();
      if (!d.isDc()) {
        if (dc) {
          dc.stop();
          dc = undefined;
        }
        return;
      }
      if (!dc) return becomeDc();
      const members = d.members();
      // a member whose agent restarted within the token never seemed to leave: it rejoined all the same
      const restarted = [...members].filter((n) => known.has(n) && incarnations.get(n) !== d.incarnation(n));
      const joined = [...members].filter((n) => !known.has(n) || restarted.includes(n));
      const left = [...known].filter((n) => !members.has(n));
      for (const n of members) incarnations.set(n, d.incarnation(n));
      if (!joined.length && !left.length) return;
      known = new Set(members);
      // what a lost or restarted node was running for us will never report back
      for (const { node, fail } of [...waitingOn.values()]) if (left.includes(node) || restarted.includes(node)) fail(new Error(`${node} left the cluster`));
      const work: Promise<void>[] = [];
      if (joined.length) {
        // a merge is a new join round, as in Pacemaker: every member's own account replaces the status
        // section, which the other partition (or the node that came back) may have recorded differently
        dc.hold(`join: ${joined.join(" ")}`, refreshHistory([...members]));
        d.joined?.(joined);
      }
      if (left.length) {
        const cib = d.cib();
        const fencing = !cib || !/^(false|no|off|n|0)$/i.test(clusterProperty(cib, "stonith-enabled") ?? "true");
        for (const name of left) {
          // stonith-enabled=false: say so, since its resources are recovered without it being shot
          d.log("controller.node-lost", { node: name, fencing: fencing ? "required unless it left cleanly" : "disabled (stonith-enabled=false): recovering without fencing" });
        }
      }
      if (left.length)
        work.push(
          d.updateStatus((cib) => {
            let changed = false;
            for (const name of left) {
              const node = nodeOf(name);
              if (node) changed = eraseTransientAttributes(cib, node) || changed;
            }
            return changed;
          }),
        );
      dc.hold(`membership: ${joined.map((n) => "+" + n).concat(left.map((n) => "-" + n)).join(" ")}`, Promise.all(work));
    },
    /** The CIB was replaced by another node's copy (catch-up): its status section is that node's view,
     * so the DC asks every member what it runs before planning again. */
    resync(reason: string): void {
      if (dc) dc.hold(reason, refreshHistory([...d.members()]));
    },
    /** Fencing that the DC's transitions did not run (pcs stonith fence / confirm) is done. */
    async onFenced(entry: FenceHistoryEntry): Promise<void> {
      await dc?.onFenced(entry);
    },
    /** A client's change was applied on this DC: forget what it removed from the nodes' histories. */
    async afterPatch(before: XmlElement, after: XmlElement): Promise<void> {
      dc?.expectChange();
      const removed = lrmResourcesRemoved(before, after);
      await Promise.all(
        removed.map(({ node, rscId }) => d.call(node, "exec.forget", { rscId }, 5000).catch(() => undefined)),
      );
      dc?.trigger("configuration change");
    },
    methods: {
      "exec.run": (p: { action: GraphAction; key: string; dc?: string }) => {
        // only our own DC gives us work: not the DC of a partition we are not in
        if (p.dc !== undefined && p.dc !== d.dcName()) throw new RpcError("NOT_DC", `${d.localName()} takes operations from its DC (${d.dcName() ?? "none"}), not from ${p.dc}`);
        void local.run(p.action, p.key).then(reportToDc, (e: unknown) => d.log("exec.failed", { action: p.action.operationKey, message: (e as Error).message }));
        return { accepted: true };
      },
      "exec.history": () => ({ xml: local.history() }),
      "exec.forget": (p: { rscId: string }) => {
        local.forget(p.rscId);
        return { ok: true };
      },
      "controller.event": async (p: { event: OperationEvent }) => {
        const waiter = waiting.get(p.event.transitionKey);
        if (!waiter && !d.members().has(p.event.node)) {
          // a node outside our membership (a partition of its own, a fenced incarnation) does not
          // write into our status section: it rejoins, and its history is asked for then
          d.log("controller.event-ignored", { node: p.event.node, rsc: p.event.rscId, task: p.event.task });
          return { ok: true };
        }
        if (waiter) waiter(p.event);
        else if (dc) await dc.onEvent(p.event);
        return { ok: true };
      },
      "controller.state": () => ({ dc: d.isDc() ? d.localName() : null, ...(dc?.state() ?? { idle: false, transitionId: 0, inFlight: 0 }) }),
      "attrd.update": async (p: { node: string; name: string; value?: string; lifetime: "reboot" | "forever" }) => {
        const node = nodeOf(p.node);
        if (!node) throw new Error(`unknown node '${p.node}'`);
        let changed = false;
        await d.updateStatus((cib) => {
          changed = p.lifetime === "forever" ? setNodeAttribute(cib, node, p.name, p.value) : setTransientAttribute(cib, node, p.name, p.value);
          return changed;
        });
        if (changed) dc?.trigger(`attribute ${p.name} on ${p.node}`);
        return { ok: true };
      },
    } as Record<string, (p: never) => unknown>,
    /** Leaving the cluster: ask the DC to move everything off this node (the shutdown attribute), wait
     * for that, and stop what is still here ourselves when no DC did. */
    async evacuate(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      try {
        await d.callDc("attrd.update", { node: d.localName(), name: "shutdown", value: String(Math.floor(Date.now() / 1000)), lifetime: "reboot" });
        while (Date.now() < deadline && local.active().length) await new Promise((r) => setTimeout(r, 200));
      } catch (e) {
        d.log("controller.shutdown-without-dc", { message: (e as Error).message });
      }
      if (local.active().length) await local.stopAll(Math.max(5000, deadline - Date.now()));
    },
    /** Fenced yet still alive (a device that did not power us off, or suicide): stop what runs here,
     * since the cluster now starts it elsewhere. */
    async abandon(timeoutMs: number): Promise<void> {
      dc?.stop();
      dc = undefined;
      if (local.active().length) await local.stopAll(timeoutMs);
    },
    async stop(): Promise<void> {
      dc?.stop();
      dc = undefined;
      await local.stop();
    },
  };
}

export type ControllerService = ReturnType<typeof createControllerService>;
