// Membership: a link to every peer, heartbeats every token/4 ms, a peer silent for `token` ms
// is lost; majority quorum (two_node: one node suffices); the DC is the lowest node id of the
// partition (with or without quorum: a partition without quorum still needs a DC to apply
// no-quorum-policy; it just cannot store changes or fence).
// As with corosync, membership needs both directions: a peer counts only once we have reached it
// ourselves with its pinned host key. A peer whose host key changed (or that refuses our cluster key)
// is excluded, though it may still authenticate to us and send heartbeats; a peer that refuses us
// as a member is excluded too, so both sides of a broken trust see each other as lost.
import type { CibVersion } from "../../cib/document.js";
import { connect, TransportError, type Link } from "../../transport/client.js";
import { RpcError } from "../../transport/protocol.js";
import type { Logger } from "../log.js";
import type { PeerEndpoint } from "../state.js";

export interface ClusterNode {
  name: string;
  nodeid: number;
}

export interface ClusterConfig {
  clusterName: string;
  localName: string;
  nodes: ClusterNode[];
  peers: PeerEndpoint[];
  token: number;
  twoNode: boolean;
  clusterKey: string;
}

export interface View {
  members: Set<string>;
  quorate: boolean;
  dc?: ClusterNode;
  /** Peers that are not members whatever their heartbeats say, with the reason. */
  excluded: Map<string, string>;
  /** Nodes that are not members because they said they were leaving (a clean shutdown), not lost. */
  left: ReadonlySet<string>;
}

/** The error code of a heartbeat refused by a peer that does not count us as a member. */
export const NOT_MEMBER = "NOT_MEMBER";

export interface HeartbeatInfo {
  running: boolean;
  version?: CibVersion;
  /** Differs for every start of the agent: a peer that restarted within the token is told apart. */
  incarnation?: string;
}

export interface Membership {
  view(): View;
  /** A heartbeat received from a peer. */
  heard(from: string, info: HeartbeatInfo): void;
  /**
   * Why we cannot trust the peer (its host key changed, it refused our key), or undefined. Heartbeats of
   * such a peer are to be refused: not those of a peer merely refusing us, or neither would ever readmit the other.
   */
  distrust(name: string): string | undefined;
  /** The peer told us it is leaving the cluster (a clean stop). */
  leaving(name: string): void;
  /** Whether the fault harness cut us off from this peer (`<state-dir>/blocked-peers`). */
  blocked(name: string): boolean;
  /** An open link to a peer (for forwarding and replication). */
  link(name: string): Promise<Link>;
  peerVersion(name: string): CibVersion | undefined;
  /** The incarnation a peer last said it is (ours for the local node). */
  incarnation(name: string): string | undefined;
  stop(): void;
}

export interface MembershipOptions {
  config: ClusterConfig;
  log: Logger;
  /** What this node says in its heartbeats. */
  self(): HeartbeatInfo;
  /** Called after every round, to let the DC reconcile and nodes catch up. */
  afterRound(): void;
  /** Peers we are cut off from, as a network partition would (the fault harness's hook). */
  blockedPeers?(): ReadonlySet<string>;
}

export function quorumNeeded(config: ClusterConfig): number {
  return config.twoNode && config.nodes.length === 2 ? 1 : Math.floor(config.nodes.length / 2) + 1;
}

export function startMembership(options: MembershipOptions): Membership {
  const { config, log } = options;
  const lastSeen = new Map<string, number>();
  const versions = new Map<string, CibVersion>();
  const incarnations = new Map<string, string>();
  const links = new Map<string, Promise<Link>>();
  const interval = Math.max(50, Math.floor(config.token / 4));
  let stopped = false;
  let previous = "";
  /** Peers reached through a link of ours with the pinned host key since membership started. */
  const verified = new Set<string>();
  const excluded = new Map<string, { reason: string; distrust: boolean }>();
  /** When to try again to reach an excluded peer: its key will not change back every tick. */
  const retry = new Map<string, { at: number; delayMs: number }>();
  const left = new Set<string>();
  const startedAt = Date.now();
  let blocked: ReadonlySet<string> = new Set();

  const exclude = (name: string, reason: string, distrust: boolean) => {
    verified.delete(name);
    lastSeen.delete(name);
    const delayMs = Math.min(10000, Math.max(1000, (retry.get(name)?.delayMs ?? 500) * 2));
    retry.set(name, { at: Date.now() + delayMs, delayMs });
    if (excluded.get(name)?.reason === reason) return;
    excluded.set(name, { reason, distrust });
    log("membership.peer-excluded", { node: name, reason });
  };
  const admit = (name: string) => {
    verified.add(name);
    retry.delete(name);
    if (excluded.delete(name)) log("membership.peer-readmitted", { node: name });
  };
  /** The authentication failures that make a peer no member (not a timeout or a refused connection). */
  const trustFailure = (name: string, e: unknown): string | undefined => {
    if (e instanceof TransportError && e.kind === "host-key-changed") {
      return `its host key changed (offered ${e.fingerprint ?? "an unknown key"}, pinned ${config.peers.find((p) => p.name === name)?.fingerprint ?? "none"}); re-authenticate it with 'pcs host auth'`;
    }
    if (e instanceof TransportError && e.kind === "auth") return "it refused this node's cluster key";
    if (e instanceof RpcError && e.code === NOT_MEMBER) return e.message;
    return undefined;
  };

  const getLink = (name: string): Promise<Link> => {
    const existing = links.get(name);
    if (existing) return existing;
    const peer = config.peers.find((p) => p.name === name);
    if (!peer) return Promise.reject(new Error(`unknown node '${name}'`));
    const pending = connect({
      host: peer.host,
      port: peer.port,
      privateKey: config.clusterKey,
      fingerprint: peer.fingerprint,
      timeoutMs: config.token,
    }).then(
      (link) => {
        if (stopped) link.close();
        else admit(name);
        return link;
      },
      (e: unknown) => {
        links.delete(name);
        const reason = trustFailure(name, e);
        if (reason && !stopped) exclude(name, reason, true);
        throw e;
      },
    );
    links.set(name, pending);
    return pending;
  };

  const dropLink = (name: string) => {
    const l = links.get(name);
    links.delete(name);
    l?.then((x) => x.close(), () => undefined);
  };

  const view = (): View => {
    const now = Date.now();
    const members = new Set<string>();
    if (options.self().running) members.add(config.localName);
    for (const [name, at] of lastSeen) if (now - at <= config.token && verified.has(name) && !excluded.has(name)) members.add(name);
    const quorate = members.size >= quorumNeeded(config);
    // Like Pacemaker's dc-deadtime: a node that just started elects itself DC of a partition without
    // quorum only once its peers had `token` ms to answer, or it would act on its stale CIB alone.
    const settled = quorate || now - startedAt >= config.token;
    const dc = members.size && settled ? [...config.nodes].sort((a, b) => a.nodeid - b.nodeid).find((n) => members.has(n.name)) : undefined;
    for (const name of left) if (members.has(name)) left.delete(name);
    return { members, quorate, dc, excluded: new Map([...excluded].map(([name, e]) => [name, e.reason])), left: new Set(left) };
  };

  const heard = (from: string, info: HeartbeatInfo) => {
    if (!config.nodes.some((n) => n.name === from) || excluded.has(from) || blocked.has(from)) return;
    if (info.running) lastSeen.set(from, Date.now());
    else if (lastSeen.delete(from)) left.add(from);
    if (info.version) versions.set(from, info.version);
    if (info.incarnation) incarnations.set(from, info.incarnation);
  };

  const inFlight = new Set<string>();
  const beat = async (peer: string) => {
    inFlight.add(peer);
    try {
      const link = await getLink(peer);
      if (link.closed) {
        dropLink(peer);
        return;
      }
      const reply = await link.call<HeartbeatInfo>("peer.heartbeat", { from: config.localName, ...options.self() }, config.token);
      admit(peer);
      heard(peer, reply);
    } catch (e) {
      const reason = trustFailure(peer, e);
      if (reason && e instanceof RpcError) exclude(peer, reason, false);
      // a slow answer is no reason to pay for a new handshake, nor a refusal over a sound link; a broken link is
      if (!(e instanceof RpcError) && !(e instanceof TransportError && e.kind === "timeout")) dropLink(peer);
    } finally {
      inFlight.delete(peer);
    }
  };

  const tick = () => {
    const now = Date.now();
    blocked = options.blockedPeers?.() ?? blocked;
    for (const name of blocked) lastSeen.delete(name);
    for (const peer of config.nodes) {
      if (peer.name === config.localName || inFlight.has(peer.name) || blocked.has(peer.name) || (retry.get(peer.name)?.at ?? 0) > now) continue;
      void beat(peer.name);
    }
    const v = view();
    const summary = `${[...v.members].sort().join(",")}|${v.quorate}|${v.dc?.name ?? ""}|${[...v.excluded.keys()].sort().join(",")}`;
    if (summary !== previous) {
      previous = summary;
      log("membership.changed", { members: [...v.members].sort(), quorate: v.quorate, dc: v.dc?.name ?? null, excluded: [...v.excluded.keys()].sort() });
    }
    options.afterRound();
  };
  tick();
  const timer = setInterval(tick, interval);

  return {
    view,
    heard,
    distrust: (name) => (excluded.get(name)?.distrust ? excluded.get(name)!.reason : undefined),
    leaving: (name) => {
      if (lastSeen.delete(name)) left.add(name);
    },
    blocked: (name) => blocked.has(name),
    link: getLink,
    peerVersion: (name) => versions.get(name),
    incarnation: (name) => (name === config.localName ? options.self().incarnation : incarnations.get(name)),
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const name of [...links.keys()]) dropLink(name);
    },
  };
}
