// Bundles in the graph (lib/pacemaker/pcmk_sched_bundle.c): which of a bundle's resources are probed
// where, and the orderings that tie its pseudo actions (the containers' unit's start, running, stop,
// stopped; promote and demote for a promotable inner clone) to its containers and inner clone.
import type { PrimitivePlan } from "./actions.js";
import type { Act, Model } from "./graph-model.js";
import type { Bundle, BundleReplica, Cluster, Resource, SchedNode } from "./types.js";

export const bundlesOf = (cluster: Cluster): Bundle[] => cluster.resources.flatMap((r) => (r.bundle && r.bundle.unit === r ? [r.bundle] : []));

/** The bundle a resource belongs to, directly or as part of its inner clone. */
export function bundleOf(rsc: Resource): Bundle | undefined {
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (r.bundle) return r.bundle;
  return undefined;
}

/** A bundle's guest node: discovery is off there for everything but that replica's inner instance. */
const isBundleNode = (node: SchedNode): boolean => node.remote === "guest" && !!node.connection?.bundle;

/** Whether the container's start can run: it is placed somewhere and nothing blocks its start. */
function startRunnable(plan: PrimitivePlan | undefined): boolean {
  return !!plan?.to && !plan.startBlocked && plan.to.online && !plan.to.unclean;
}

/** What pcmk__bundle_create_probe probes of a replica on a node, as (resource, probe scope) pairs:
 * the address and the container as any primitive; the connection only when its container can
 * start or is running (its probe waits for the container's start); the inner instance only on the
 * replica's own guest node. */
export function replicaProbeTargets(replica: BundleReplica, node: SchedNode, plans: Map<Resource, PrimitivePlan>): Resource[] {
  if (isBundleNode(node)) return replica.node === node && replica.child ? primitives(replica.child) : [];
  const out: Resource[] = replica.ip ? [replica.ip, replica.container] : [replica.container];
  const conn = replica.remote;
  if (conn && (startRunnable(plans.get(replica.container)) || replica.container.running.length)) out.push(conn);
  return out;
}

function primitives(rsc: Resource): Resource[] {
  return rsc.variant === "primitive" ? [rsc] : rsc.children.flatMap(primitives);
}

/** The top-level resources a bundle's probes are made for: its containers' unit stands for all
 * of them; its addresses, connections and inner clone are probed through it. */
export const probedThroughBundle = (top: Resource): boolean => !!top.bundle && top.bundle.unit !== top;

/** Probe orderings of bundles: a replica's probe before its own start (not the collective's); a
 * container's probe before the starts of the other containers on that node (one replica per
 * host); a connection's probe after its container's start. */
export function bundleProbeOrders(model: Model, cluster: Cluster): void {
  for (const bundle of bundlesOf(cluster)) {
    const perHost = bundle.unit.clone?.nodeMax ?? 1;
    for (const replica of bundle.replicas) {
      for (const probe of probesOf(model, replica.container)) {
        if (perHost !== 1) continue;
        for (const other of bundle.replicas) {
          if (other === replica) continue;
          for (const s of model.find(other.container, "start", probe.node)) model.order(probe, s);
        }
      }
      if (replica.remote) for (const probe of probesOf(model, replica.remote)) for (const s of model.find(replica.container, "start")) model.order(s, probe);
    }
  }
}

const probesOf = (model: Model, rsc: Resource): Act[] => model.find(rsc, "monitor").filter((a) => a.kind === "rsc_op");

/** A bundle's start (stop) pseudo actions are required when its containers' or inner instances' are;
 * a bundle with a promotable inner clone has promote, promoted, demote and demoted pseudo actions
 * of its own, required when an inner instance's promote (demote) is. */
export function addBundlePseudoActions(model: Model, cluster: Cluster): void {
  for (const bundle of bundlesOf(cluster)) {
    const child = bundle.child;
    if (!child) continue;
    // the bundle's start and stop stand for its inner clone's too
    for (const [task, done] of [["start", "running"], ["stop", "stopped"]]) {
      if (!primitives(child).some((p) => model.find(p, task).some((a) => a.required))) continue;
      for (const a of [...model.find(bundle.unit, task), ...model.find(bundle.unit, done)]) a.required = true;
    }
    if (!child.clone?.promotable) continue;
    for (const [task, done] of [["promote", "promoted"], ["demote", "demoted"]]) {
      const required = primitives(child).some((p) => model.find(p, task).some((a) => a.required));
      model.add({ key: `${bundle.id}_${task}_0`, task, kind: "pseudo_event", rsc: bundle.unit, required });
      model.add({ key: `${bundle.id}_${done}_0`, task: done, kind: "pseudo_event", rsc: bundle.unit, required, priority: 1000000 });
    }
  }
}

/** pcmk__bundle_internal_constraints: the bundle's start and stop enclose its inner clone's and
 * each replica's inner instance stop; a promotable inner clone's promote and demote are enclosed
 * by the bundle's, which follow its restarts as a promotable clone's do. (The containers' own
 * orderings are those of the containers' unit, a clone.) */
export function bundleOrders(model: Model, cluster: Cluster, confirmed: Map<Resource, Map<string, Act>>): void {
  // once a notifying inner clone's action is complete, its post notifications must be confirmed too
  const done = (child: Resource, task: string, unit: Resource) => {
    const end = confirmed.get(child)?.get(task);
    for (const a of end ? [end] : model.find(child, task)) for (const b of model.find(unit, task)) model.order(a, b);
  };
  for (const bundle of bundlesOf(cluster)) {
    const unit = bundle.unit;
    const child = bundle.child;
    if (!child) continue;
    model.orderRsc(unit, "start", child, "start");
    model.orderRsc(unit, "stop", child, "stop");
    done(child, "running", unit);
    done(child, "stopped", unit);
    for (const replica of bundle.replicas) if (replica.child) for (const p of primitives(replica.child)) model.orderRsc(unit, "stop", p, "stop");
    if (!child.clone?.promotable) continue;
    const o = (ft: string, tt: string) => model.orderRsc(unit, ft, unit, tt);
    o("stopped", "start");
    o("stopped", "promote");
    o("demoted", "stop");
    o("demoted", "start");
    o("demoted", "promote");
    o("running", "promote");
    o("demote", "demoted");
    done(child, "demoted", unit);
    model.orderRsc(unit, "demote", child, "demote");
    done(child, "promoted", unit);
    model.orderRsc(unit, "promote", child, "promote");
  }
}
