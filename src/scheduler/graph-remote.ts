// Actions on remote and guest nodes in the graph (lib/pacemaker/pcmk_sched_remote.c,
// pcmk_sched_probes.c, pcmk_graph_producer.c): which probes they get, the cluster node an action is
// routed through, the guest's physical host, and the orderings that keep every action within the
// connection's lifetime (after its start, before its stop).
import type { Act, Model } from "./graph-model.js";
import { connectionState } from "./remote.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

/** A resource not probed on a guest node because of its guest's state: its start comes after the
 * guest's probes (stopped) or its stop (stopping). */
export interface HeldProbe {
  guest: Resource;
  reason: "stopped" | "stopping";
  /** The resource whose start waits (the primitive's topmost collective, a bundle's inner clone). */
  top: Resource;
}

const started = (r: Resource): boolean => r.running.length > 0 && r.role !== "Stopped";

/** Resources that are guest resources (the containers of guest nodes' connections). */
export function guestResources(cluster: Cluster): Set<Resource> {
  const out = new Set<Resource>();
  for (const n of cluster.nodes) if (n.remote === "guest" && n.connection?.container) out.add(n.connection.container);
  return out;
}

const containsGuest = (r: Resource, guests: Set<Resource>): boolean => guests.has(r) || r.children.some((c) => containsGuest(c, guests));

/** guest_resource_will_stop: the guest is reset, failed, stopping, or moving. */
function guestWillStop(node: SchedNode, guest: Resource): boolean {
  if (node.requiresReset || guest.failed || guest.nextRole === "Stopped") return true;
  return started(guest) && !!guest.assignedTo && !guest.running.includes(guest.assignedTo);
}

/** Whether Pacemaker probes the primitive `p` (of the top-level `top`) on the node, as far as remote
 * and guest nodes and containers decide. */
export function probeAllowed(top: Resource, p: Resource, node: SchedNode, guests: Set<Resource>): boolean {
  return probeEligible(top, p, node, guests) && !guestProbeHold(node);
}

/** probeAllowed but for the state of a guest node's guest. */
export function probeEligible(top: Resource, p: Resource, node: SchedNode, guests: Set<Resource>): boolean {
  if (node.remote) {
    if (p.isStonith || p.remoteNode) return false;
    if (node.remote === "guest" && (containsGuest(top, guests) || containsGuest(p, guests))) return false;
    if (node.noDiscovery) return false;
    // a bundle's guest node has discovery off for all but its replica's inner instance
    if (node.connection?.bundle && !ownsInstance(node, p)) return false;
  }
  return !p.container || !!p.remoteNode;
}

function ownsInstance(node: SchedNode, p: Resource): boolean {
  const child = node.connection?.bundle?.replicas.find((r) => r.node === node)?.child;
  for (let r: Resource | undefined = p; r; r = r.parent) if (r === child) return true;
  return false;
}

/** Why nothing is probed on a guest node: its guest is stopped (or missing), or will stop. Pacemaker
 * then orders the starts of what it would have probed after the guest's probes (a stopped guest
 * placed where its state is unknown) or its stop. */
export function guestProbeHold(node: SchedNode): { guest?: Resource; reason: "stopped" | "stopping" } | undefined {
  if (node.remote !== "guest") return undefined;
  const guest = node.connection?.container;
  if (!guest || !started(guest)) return { guest, reason: "stopped" };
  return guestWillStop(node, guest) ? { guest, reason: "stopping" } : undefined;
}

/** probe_then_start and its stopping-guest counterpart, for the probes guest nodes did not get. */
export function heldProbeOrders(model: Model, held: HeldProbe[]): void {
  for (const { guest, reason, top } of held) {
    const starts = model.find(top, "start");
    if (reason === "stopping") {
      for (const stop of model.find(guest, "stop")) for (const s of starts) model.order(stop, s);
      continue;
    }
    const at = guest.assignedTo;
    if (!at || guest.knownOn.has(at.uname)) continue;
    for (const probe of model.find(guest, "monitor")) if (probe.kind === "rsc_op") for (const s of starts) model.order(probe, s);
  }
}

const DOWN_TASKS = new Set(["cancel", "stop", "demote", "migrate_from", "migrate_to"]);

/** pcmk__connection_host_for_action: the cluster node an action on a remote or guest node goes through. */
export function routerNode(act: Act): SchedNode | undefined {
  const node = act.node;
  const conn = node?.connection;
  if (!node?.remote || !conn || act.task === "stonith") return undefined;
  const began = conn.running[0];
  const ended = conn.nextRole === "Stopped" ? undefined : conn.assignedTo;
  if (!began) return ended;
  if (!ended || began === ended) return began;
  const task = act.task === "notify" ? (act.meta.CRM_meta_notify_operation ?? act.task) : act.task;
  return DOWN_TASKS.has(task) ? began : ended;
}

const GUEST_DOWN = new Set(["stop", "stopped", "demote", "demoted"]);
const GUEST_UP = new Set(["start", "running", "monitor", "promote", "promoted"]);

/** The physical host of a guest node for an action there (its guest resource's current node for the
 * actions that take it down, its next one for those that bring it up). */
export function physicalHost(act: Act): SchedNode | undefined {
  const guest = act.node?.remote === "guest" ? act.node.connection?.container : undefined;
  if (!guest) return undefined;
  const task = act.task === "notify" ? (act.meta.CRM_meta_notify_operation ?? act.task) : act.task;
  if (GUEST_DOWN.has(task)) return guest.running[0];
  if (GUEST_UP.has(task)) return guest.assignedTo;
  return undefined;
}

/** The meta attributes a primitive's actions carry for remote nodes: remote-node, and its container. */
export function remoteMeta(rsc: Resource, out: Record<string, string>): void {
  const remoteNode = rsc.meta.get("remote-node");
  if (remoteNode !== undefined) out.CRM_meta_remote_node = remoteNode;
  if (rsc.container) out.CRM_meta_container = rsc.container.id;
}

/** A stop ordered before the connection's stop: the resource's probes come first too (as probes come
 * before whatever a stop of their resource is ordered before). */
function stopBeforeConnectionStop(model: Model, act: Act, conn: Resource): void {
  const stops = model.find(conn, "stop");
  for (const s of stops) model.order(act, s);
  if (act.task !== "stop" || !act.rsc || !stops.length) return;
  for (const probe of model.find(act.rsc, "monitor")) if (probe.kind === "rsc_op") for (const s of stops) model.order(probe, s);
}

function orderRemote(model: Model, act: Act, conn: Resource, node: SchedNode): void {
  const starts = model.find(conn, "start");
  const startFirst = () => starts.forEach((s) => model.order(s, act));
  const beforeStop = () => stopBeforeConnectionStop(model, act, conn);
  const state = connectionState(node);
  const task = act.task === "migrate_to" || act.task === "migrate_from" ? "stop" : act.task;
  if (task === "start" || task === "promote") return startFirst();
  if (task === "stop") {
    if (state === "alive" || (state !== "failed" && conn.nextRole === "Stopped")) beforeStop();
    else if (state !== "failed") startFirst();
    return;
  }
  if (task === "demote") {
    if (state === "resting" || state === "unknown") startFirst();
    return;
  }
  if (act.intervalMs > 0) return startFirst();
  if (conn.running.length && state === "stopped") beforeStop();
  else startFirst();
}

function orderGuest(model: Model, act: Act, conn: Resource, container: Resource): void {
  const task = act.task === "migrate_to" || act.task === "migrate_from" ? "stop" : act.task;
  if (task === "start" || task === "promote") {
    for (const s of model.find(container, "start")) model.order(s, act, true);
    for (const s of model.find(conn, "start")) model.order(s, act);
  } else if (task === "stop" || task === "demote") {
    if (!container.failed) stopBeforeConnectionStop(model, act, conn);
  } else for (const s of model.find(conn, "start")) model.order(s, act);
}

/** pcmk__order_remote_connection_actions. */
export function remoteOrders(model: Model, cluster: Cluster): void {
  if (!cluster.nodes.some((n) => n.remote)) return;
  for (const act of model.acts.slice()) {
    const rsc = act.rsc;
    if (!rsc || rsc.variant !== "primitive") continue;
    if (rsc.remoteNode && act.task === "clear_failcount") {
      for (const s of model.find(rsc, "start")) model.order(act, s);
      continue;
    }
    const node = act.node;
    const conn = node?.remote ? node.connection : undefined;
    // stops implied by fencing are still real actions when Pacemaker orders them here
    if (!node || !conn || (act.kind === "pseudo_event" && act.task === "start")) continue;
    // recurring monitors restart with the connection
    if (act.intervalMs > 0 && act.task === "monitor" && model.find(conn, "start").some((s) => s.required)) act.required = true;
    if (act.task === "start") {
      // moving onto a remote node: the old copy stops only once the connection is up
      for (const stop of model.find(rsc, "stop")) if (stop.node !== node) for (const s of model.find(conn, "start")) model.order(s, stop);
    }
    if (conn.container) orderGuest(model, act, conn, conn.container);
    else orderRemote(model, act, conn, node);
  }
}

/** pcmk__fence_guest: a guest's pseudo fencing follows the stop of its guest resource (or, when that
 * stop is implied by its host's fencing, that fencing), else the stop of its connection. */
export function guestFenceOrders(model: Model): void {
  const fences = model.acts.filter((a) => a.task === "stonith");
  for (const fence of fences) {
    if (fence.node?.remote !== "guest") continue;
    const conn = fence.node.connection;
    const stop = conn?.container ? model.find(conn.container, "stop")[0] : undefined;
    if (stop?.kind === "pseudo_event") {
      for (const f of fences) if (f.node === stop.node && f.meta.CRM_meta_stonith_action !== "on") model.order(f, fence, true);
    } else if (stop) model.order(stop, fence, true);
    else if (conn) for (const s of model.find(conn, "stop")) model.order(s, fence, true);
  }
}
