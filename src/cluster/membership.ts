// Membership: a link to every peer, heartbeats every token/4 ms, a peer silent for `token` ms
// is lost; majority quorum (two_node: one node suffices); the DC is the lowest node id of the
// quorate partition.
import type { CibVersion } from "../cib/document.js";
import { connect, TransportError, type Link } from "../transport/client.js";
import type { Logger } from "./log.js";
import type { PeerEndpoint } from "./state.js";

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
}

export interface HeartbeatInfo {
  running: boolean;
  version?: CibVersion;
}

export interface Membership {
  view(): View;
  /** A heartbeat received from a peer. */
  heard(from: string, info: HeartbeatInfo): void;
  forget(name: string): void;
  /** An open link to a peer (for forwarding and replication). */
  link(name: string): Promise<Link>;
  peerVersion(name: string): CibVersion | undefined;
  stop(): void;
}

export interface MembershipOptions {
  config: ClusterConfig;
  log: Logger;
  /** What this node says in its heartbeats. */
  self(): HeartbeatInfo;
  /** Called after every round, to let the DC reconcile and nodes catch up. */
  afterRound(): void;
}

export function quorumNeeded(config: ClusterConfig): number {
  return config.twoNode && config.nodes.length === 2 ? 1 : Math.floor(config.nodes.length / 2) + 1;
}

export function startMembership(options: MembershipOptions): Membership {
  const { config, log } = options;
  const lastSeen = new Map<string, number>();
  const versions = new Map<string, CibVersion>();
  const links = new Map<string, Promise<Link>>();
  const interval = Math.max(50, Math.floor(config.token / 4));
  let stopped = false;
  let previous = "";

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
        return link;
      },
      (e: unknown) => {
        links.delete(name);
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
    for (const [name, at] of lastSeen) if (now - at <= config.token) members.add(name);
    const quorate = members.size >= quorumNeeded(config);
    const dc = quorate
      ? [...config.nodes].sort((a, b) => a.nodeid - b.nodeid).find((n) => members.has(n.name))
      : undefined;
    return { members, quorate, dc };
  };

  const heard = (from: string, info: HeartbeatInfo) => {
    if (!config.nodes.some((n) => n.name === from)) return;
    if (info.running) lastSeen.set(from, Date.now());
    else lastSeen.delete(from);
    if (info.version) versions.set(from, info.version);
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
      heard(peer, reply);
    } catch (e) {
      // a slow answer is no reason to pay for a new handshake; a broken link is
      if (!(e instanceof TransportError && e.kind === "timeout")) dropLink(peer);
    } finally {
      inFlight.delete(peer);
    }
  };

  const tick = () => {
    for (const peer of config.nodes) {
      if (peer.name !== config.localName && !inFlight.has(peer.name)) void beat(peer.name);
    }
    const v = view();
    const summary = `${[...v.members].sort().join(",")}|${v.quorate}|${v.dc?.name ?? ""}`;
    if (summary !== previous) {
      previous = summary;
      log("membership.changed", { members: [...v.members].sort(), quorate: v.quorate, dc: v.dc?.name ?? null });
    }
    options.afterRound();
  };
  tick();
  const timer = setInterval(tick, interval);

  return {
    view,
    heard,
    forget: (name) => lastSeen.delete(name),
    link: getLink,
    peerVersion: (name) => versions.get(name),
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const name of [...links.keys()]) dropLink(name);
    },
  };
}
