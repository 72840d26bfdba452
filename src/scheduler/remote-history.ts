// The histories of remote and guest nodes (unpack_node_history): read once the cluster nodes' histories
// tell where their connections run; those still down are read in the last pass only when fencing is
// enabled, and the rest take their state from the connection alone.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { newRemoteNode, remoteAttrs, remoteHistoryReady, remoteOnlineStatus } from "./remote.js";
import { naturalCompare, nvpairs } from "./unpack.js";
import { parseSeconds } from "./score.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

/** A node state's transient attributes, read as a cluster node's are. */
const transientAttrs = (state: XmlElement): Map<string, string> => nvpairs(firstChild(state, "transient_attributes"), "instance_attributes");

/** The first pass over the status: whether each remote node was fenced (before any history is read). */
export function markFencedRemotes(states: XmlElement[], byId: Map<string, SchedNode>): void {
  for (const ns of states) {
    const node = byId.get(ns.attrs.id);
    if (node?.remote) node.wasFenced = (parseInt(ns.attrs.node_fenced ?? "0", 10) || 0) > 0;
  }
}

/** An orphaned guest connection names its guest resource in its history. */
function linkOrphanGuest(node: SchedNode, cluster: Cluster): void {
  const conn = node.connection;
  const containerId = conn?.orphan ? conn.meta.get("container") : undefined;
  const container = containerId ? cluster.byId.get(containerId) : undefined;
  if (!conn || !container || conn.container) return;
  conn.container = container;
  node.remote = "guest";
  node.attrs.set("#kind", "container");
}

/** unpack_node_history's passes, in the status section's order: a cluster node is read at once (an
 * offline one only with fencing or shutdown locks), a remote or guest node once the histories read so
 * far tell its connection runs; passes repeat while one reads something, and the last reads every node
 * left when fencing is enabled. The order decides which clone instance numbers the nodes claim. */
export function unpackStates(states: XmlElement[], byId: Map<string, SchedNode>, cluster: Cluster, unpackState: (ns: XmlElement, node: SchedNode) => void): void {
  const opts = cluster.options;
  const entries = states.flatMap((ns) => {
    const node = byId.get(ns.attrs.id) ?? cluster.nodeByName.get(ns.attrs.uname ?? "");
    return node ? [{ ns, node }] : [];
  });
  const ready = (node: SchedNode): boolean => {
    if (!node.remote) return node.online || opts.stonithEnabled || opts.shutdownLock;
    linkOrphanGuest(node, cluster);
    return remoteHistoryReady(node, cluster);
  };
  const read = (ns: XmlElement, node: SchedNode) => {
    if (node.remote) {
      remoteOnlineStatus(node);
      remoteAttrs(node, ns, transientAttrs(ns), opts.stonithEnabled);
    }
    unpackState(ns, node);
  };
  for (let progress = true; progress; ) {
    progress = false;
    for (const { ns, node } of entries) {
      if (node.unpacked || !ready(node)) continue;
      read(ns, node);
      progress = true;
    }
  }
  for (const { ns, node } of entries) {
    if (node.unpacked) continue;
    // without fencing, an offline cluster node still gives its fail counts (its history is not read)
    if (opts.stonithEnabled || !node.remote) read(ns, node);
  }
  for (const node of cluster.nodes) {
    if (!node.remote) continue;
    if (node.shutdown && node.connection) node.connection.forceStop = true;
    if (!node.unpacked) remoteOnlineStatus(node);
  }
}

/** pe_fence_node for a remote or guest node: a guest is "fenced" by recovering its guest resource. */
export function fenceRemoteNode(node: SchedNode, reason: string): void {
  const rsc = node.connection;
  if (node.remote === "guest") {
    const container = rsc?.container;
    if (container && !container.failed && container.managed) {
      node.requiresReset = true;
      container.failed = true;
      container.guestFenced = true;
    }
    return;
  }
  if (rsc && !rsc.managed) return;
  node.requiresReset = true;
  node.fenceReason ??= reason;
  node.unclean = true;
}

/** A managed resource active on a remote or guest node that is down fences the node; for a remote node
 * whose connection did not fail, only if the connection cannot start again elsewhere. */
export function activeOnDownRemote(rsc: Resource, node: SchedNode, cluster: Cluster): void {
  if (node.remote === "guest") {
    rsc.failed = true;
    fenceRemoteNode(node, `${rsc.id} is thought to be active there`);
    return;
  }
  if (!cluster.options.stonithEnabled) return;
  let reason = `${rsc.id} is thought to be active there`;
  if (node.connection && !node.connection.failed) {
    node.unseen = true;
    reason = `${rsc.id} is active there (fencing will be revoked if remote connection can be re-established elsewhere)`;
  }
  fenceRemoteNode(node, reason);
}

/** A failed connection: reset-remote fences its (never fenced) remote node; a failure keeps the fencing
 * of a node already unclean even when the connection starts again. */
export function connectionFailure(rsc: Resource, resetRemote: boolean, failed: boolean, cluster: Cluster): void {
  const node = rsc.remoteNode;
  if (!node) return;
  if (resetRemote && cluster.options.stonithEnabled && node.remote === "remote" && !node.wasFenced) fenceRemoteNode(node, "remote connection is unrecoverable");
  // with a reconnect interval, the connection stays down until the interval has passed
  if (resetRemote && parseSeconds(rsc.params.get("reconnect_interval")) > 0) rsc.forceStop = true;
  if ((failed || resetRemote) && node.unclean) node.unseen = false;
}

/** Connections found only in the status section still define their remote node (create_fake_resource). */
export function addOrphanConnectionNodes(states: XmlElement[], cluster: Cluster): void {
  let added = false;
  for (const ns of states) {
    const lrm = firstChild(ns, "lrm");
    const list = lrm && firstChild(lrm, "lrm_resources");
    for (const lr of list ? childElements(list, "lrm_resource") : []) {
      if (lr.attrs.class !== "ocf" || lr.attrs.provider !== "pacemaker" || lr.attrs.type !== "remote") continue;
      if (cluster.byId.has(lr.attrs.id) || cluster.nodeByName.has(lr.attrs.id)) continue;
      const node = newRemoteNode(lr.attrs.id, lr.attrs.id, new Map());
      cluster.nodes.push(node);
      cluster.nodeByName.set(node.uname, node);
      added = true;
    }
  }
  if (!added) return;
  cluster.nodes.sort((a, b) => naturalCompare(a.uname, b.uname));
  cluster.nodes.forEach((n, i) => (n.index = i));
}

/** An orphaned connection is linked to its node, which shuts down with it. */
export function linkOrphanConnection(rsc: Resource, cluster: Cluster, containerId: string | undefined): void {
  if (rsc.agent !== "ocf:pacemaker:remote") return;
  // an orphaned guest connection names its guest resource in its history (handle_orphaned_container_fillers)
  if (containerId) rsc.meta.set("container", containerId);
  const node = cluster.nodeByName.get(rsc.id);
  if (!node?.remote || node.connection) return;
  node.connection = rsc;
  rsc.remoteNode = node;
  node.shutdown = true;
}
