// Fencing of remote nodes decided once the actions are known (pcmk__schedule_probes,
// pcmk__order_remote_connection_actions): a remote node whose connection cannot be recovered is fenced
// when it is offline, when something must be probed there, or when resources active there must stop.
import type { PrimitivePlan } from "./actions.js";
import { cloneOf } from "./graph-config.js";
import { discoveryAllowed, discoveryIndex } from "./graph-actions.js";
import { guestResources, probeAllowed } from "./graph-remote.js";
import { unitOf } from "./placement.js";
import { fenceRemoteNode } from "./remote-history.js";
import { connectionState } from "./remote.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

/** Whether some primitive's state on the node is unknown (a probe would be scheduled there). */
function unknownThere(cluster: Cluster, node: SchedNode, known: Map<string, Set<string>>, guests: Set<Resource>, discovery: ReturnType<typeof discoveryIndex>): boolean {
  return cluster.primitives.some((p) => !p.orphan && !known.get(knownKey(p))?.has(node.uname) && probeAllowed(unitOf(p), p, node, guests) && discoveryAllowed(p, node, discovery));
}

/** Anonymous clone instances share what is known of them. */
function knownKey(p: Resource): string {
  const clone = cloneOf(p);
  return clone && !clone.clone?.globallyUnique ? `${clone.id}|${p.baseId}` : p.id;
}

export function fenceUnrecoverableRemotes(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): void {
  const failed = new Set(cluster.nodes.filter((n) => n.remote === "remote" && n.connection && connectionState(n) === "failed"));
  if (!failed.size) return;
  const known = new Map<string, Set<string>>();
  for (const p of cluster.primitives) {
    const key = knownKey(p);
    const set = known.get(key) ?? new Set<string>();
    for (const n of p.knownOn) set.add(n);
    known.set(key, set);
  }
  const guests = guestResources(cluster);
  const discovery = discoveryIndex(cluster);
  for (const node of failed) {
    if (!node.online) fenceRemoteNode(node, "the connection is unrecoverable");
    else if (!node.unclean && !node.noDiscovery && unknownThere(cluster, node, known, guests, discovery)) fenceRemoteNode(node, "resources are in unknown state and connection is unrecoverable");
  }
  for (const plan of plans.values()) {
    if (!plan.stop) continue;
    for (const node of plan.rsc.running) if (failed.has(node) && node.online) fenceRemoteNode(node, "resources are active but connection is unrecoverable");
  }
}
