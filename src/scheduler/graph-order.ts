// Orderings between the graph's actions, as Pacemaker adds them: each primitive's own (stop before
// start, demote before stop, start before promote, monitors after), those of groups and clones, the
// explicit rsc_order constraints (with their inverse for stops), fencing before recovery, and probes
// before whatever they could invalidate.
import { cloneOf } from "./graph-config.js";
import { bundleOf, bundleOrders, bundleProbeOrders } from "./graph-bundle.js";
import { isContainerUnit } from "./bundle.js";
import { completedTask, inverseTask, type Act, type Model } from "./graph-model.js";
import { isMigratingStop, migrationEquivalents, migrationOrders } from "./migration.js";
import { INFINITY, type Cluster, type Ordering, type Resource, type Role, type SchedNode } from "./types.js";
import { isTrue } from "./score.js";

/** Resource-level orderings ("first task then task"), kept for the probe orderings of stops. */
interface RscOrder {
  first: Resource;
  firstTask: string;
  then: Resource;
  thenTask: string;
  /** Holds only between actions on the same node (anti-colocations). */
  sameNode?: boolean;
}

const isFalse = (v: string | undefined) => v !== undefined && /^(false|no|off|n|0)$/i.test(v.trim());

function primitiveOrders(model: Model, rsc: Resource, log: RscOrder[]): void {
  const acts = model.byRsc.get(rsc) ?? [];
  const o = (ft: string, tt: string, implies = false) => {
    model.orderRsc(rsc, ft, rsc, tt, implies);
    log.push({ first: rsc, firstTask: ft, then: rsc, thenTask: tt });
  };
  o("stop", "start", true);
  o("demote", "stop");
  o("start", "promote");
  o("demote", "promote");
  migrationOrders(model, rsc);
  for (const a of acts) {
    if (a.intervalMs === 0 || a.afterStop) continue;
    if (a.task === "cancel") {
      const after = rsc.nextRole === "Promoted" && rsc.role !== "Promoted" ? "promote" : rsc.role === "Promoted" ? "demote" : "stop";
      for (const t of model.find(rsc, after)) model.order(a, t);
      continue;
    }
    for (const s of model.find(rsc, "start")) model.order(s, a, true);
    if (rsc.nextRole === "Promoted") for (const p of model.find(rsc, "promote")) model.order(p, a);
    else if (rsc.role === "Promoted") for (const d of model.find(rsc, "demote")) model.order(d, a);
  }
}

function groupOrders(model: Model, g: Resource, log: RscOrder[]): void {
  const o = (f: Resource, ft: string, t: Resource, tt: string, implies = false) => {
    model.orderRsc(f, ft, t, tt, implies);
    log.push({ first: f, firstTask: ft, then: t, thenTask: tt });
  };
  const ordered = !isFalse(g.meta.get("ordered"));
  o(g, "stop", g, "stopped");
  o(g, "stopped", g, "start");
  o(g, "start", g, "running");
  let prev: Resource | undefined;
  for (const m of g.children) {
    o(g, "demote", m, "demote");
    o(m, "demote", g, "demoted", ordered && !prev);
    o(m, "promote", g, "promoted", true);
    o(g, "promote", m, "promote", !ordered);
    o(g, "stop", m, "stop");
    o(m, "stop", g, "stopped", ordered && !prev);
    o(g, "start", m, "start", !ordered);
    o(m, "start", g, "running", true);
    if (ordered && prev) {
      o(prev, "start", m, "start", true);
      o(m, "stop", prev, "stop");
      o(prev, "promote", m, "promote", true);
      o(m, "demote", prev, "demote");
    }
    prev = m;
  }
}

function cloneOrders(model: Model, c: Resource, log: RscOrder[]): void {
  const o = (f: Resource, ft: string, t: Resource, tt: string, implies = false) => {
    model.orderRsc(f, ft, t, tt, implies);
    log.push({ first: f, firstTask: ft, then: t, thenTask: tt });
  };
  o(c, "stopped", c, "start");
  o(c, "start", c, "running");
  o(c, "stop", c, "stopped");
  const promotable = !!c.clone?.promotable;
  if (promotable) {
    o(c, "demoted", c, "stop");
    o(c, "running", c, "promote");
    o(c, "demote", c, "demoted");
    o(c, "promote", c, "promoted");
    o(c, "demoted", c, "promote");
    o(c, "stopped", c, "promote");
    o(c, "demoted", c, "start");
  }
  const ordered = !!c.clone?.ordered;
  let prev: Resource | undefined;
  for (const inst of c.children) {
    const done = (t: string) => completedTask(inst, t);
    o(c, "start", inst, "start");
    o(inst, done("start"), c, "running");
    o(c, "stop", inst, "stop");
    o(inst, done("stop"), c, "stopped");
    if (ordered && prev) {
      o(prev, completedTask(prev, "start"), inst, "start");
      o(inst, done("stop"), prev, "stop");
    }
    if (promotable) {
      o(c, "promote", inst, "promote");
      o(inst, done("promote"), c, "promoted");
      o(c, "demote", inst, "demote");
      o(inst, done("demote"), c, "demoted");
    }
    prev = inst;
  }
}

function internalOrders(model: Model, rsc: Resource, log: RscOrder[]): void {
  if (rsc.variant === "primitive") return primitiveOrders(model, rsc, log);
  for (const c of rsc.children) internalOrders(model, c, log);
  if (rsc.variant === "group") groupOrders(model, rsc, log);
  else cloneOrders(model, rsc, log);
}

/** The clone instance of `clone` placed on `node`'s side of an interleaved ordering. */
function instanceOn(clone: Resource, inst: Resource): Resource | undefined {
  const node = placement(inst);
  return node ? clone.children.find((c) => placement(c) === node) : undefined;
}

function placement(r: Resource) {
  const prims = r.variant === "primitive" ? [r] : r.children.flatMap((c) => (c.variant === "primitive" ? [c] : c.children));
  return prims.find((p) => p.assignedTo)?.assignedTo ?? prims.find((p) => p.running.length)?.running[0];
}

/** Confirmed-post notification events of notifying clones, by clone and completed task. */
export type Confirmations = Map<Resource, Map<string, Act>>;

/** The actions an ordering's first side stands for: once a notifying clone's action is complete, its
 * post notifications must be confirmed too (Pacemaker remaps "running" to "confirmed-post ... running"). */
function firstActs(model: Model, rsc: Resource, task: string, then: Resource, confirmed: Confirmations): Act[] {
  const end = rsc !== then ? confirmed.get(rsc)?.get(task) : undefined;
  return end ? [end] : model.find(rsc, task);
}

function explicitOrder(model: Model, o: Ordering, log: RscOrder[], pseudo: Map<string, Act>, confirmed: Confirmations): void {
  if (o.kind === "Serialize") return;
  const implies = o.kind === "Mandatory";
  const pairs: [Resource, Resource][] = [];
  const interleaved = o.first.variant === "clone" && o.then.variant === "clone" && !!o.then.clone?.interleave && !o.anyInstance && !o.anyOf;
  if (interleaved) {
    for (const t of o.then.children) {
      const f = instanceOn(o.first, t);
      if (f) pairs.push([f, t]);
    }
  } else pairs.push([o.first, o.then]);
  const through = (key: string, firsts: Act[], thens: Act[]) => {
    let p = pseudo.get(key);
    if (!p) {
      p = model.add({ key, task: "one-or-more", kind: "pseudo_event", required: firsts.some((a) => a.required) && thens.some((a) => a.required) });
      pseudo.set(key, p);
    }
    for (const f of firsts) model.order(f, p);
    for (const t of thens) model.order(p, t, implies);
  };
  const min = Number(o.first.meta.get("clone-min") ?? 0);
  for (const [f, t] of pairs) {
    const ft = completedTask(f, o.firstAction);
    const thens = model.find(t, o.thenAction);
    if (o.anyOf) {
      // any member of the set will do: each of them is an input of the set's pseudo event
      const firsts = o.anyOf.members.flatMap((m) => firstActs(model, m, completedTask(m, o.firstAction), t, confirmed));
      through(`one-or-more:${o.anyOf.id}`, firsts, thens);
    } else if ((o.anyInstance || min > 0) && f.variant === "clone") {
      through(`clone-one-or-more:${o.id}`, f.children.flatMap((i) => model.find(i, completedTask(i, o.firstAction))), thens);
    } else {
      for (const a of firstActs(model, f, ft, t, confirmed)) for (const b of thens) if (implies || !isMigratingStop(model, a)) model.order(a, b, implies);
      log.push({ first: f, firstTask: ft, then: t, thenTask: o.thenAction });
    }
    const fi = inverseTask(o.firstAction);
    const ti = inverseTask(o.thenAction);
    if (o.symmetrical && fi && ti && !o.anyOf) {
      const tdone = completedTask(t, ti);
      for (const a of firstActs(model, t, tdone, f, confirmed)) for (const b of model.find(f, fi)) if (implies || !isMigratingStop(model, a)) model.order(a, b);
      if (!o.implicit) log.push({ first: t, firstTask: tdone, then: f, thenTask: fi });
    }
  }
}

/** A -INFINITY colocation keeps the two resources apart even for a moment: on a node, whatever takes
 * one out of its role there comes before whatever gives the other its role (both ways). */
function antiColocationOrders(model: Model, cluster: Cluster, log: RscOrder[]): void {
  for (const c of cluster.colocations) {
    if (c.score > -INFINITY) continue;
    antiColocation(model, c.rsc, c.rscRole, c.withRsc, c.withRole, log);
    antiColocation(model, c.withRsc, c.withRole, c.rsc, c.rscRole, log);
  }
}


function antiColocation(model: Model, first: Resource, firstRole: Role | undefined, then: Resource, thenRole: Role | undefined, log: RscOrder[]): void {
  const firstTasks = firstRole === "Promoted" ? ["demote"] : firstRole === "Unpromoted" ? ["stop", "promote"] : ["stop"];
  const thenTasks = thenRole === "Promoted" ? ["promote"] : thenRole === "Unpromoted" ? ["start", "demote"] : ["start"];
  for (const ft of firstTasks) {
    for (const tt of thenTasks) log.push({ first, firstTask: completedTask(first, ft), then, thenTask: tt, sameNode: true });
    const firsts = model.find(first, completedTask(first, ft)).filter((a) => a.required);
    if (!firsts.length) continue;
    for (const tt of thenTasks) {
      for (const b of model.find(then, tt)) for (const a of firsts) if (!a.node || !b.node || a.node === b.node) model.order(a, b);
    }
  }
}

/** Probes come before the start of what they probe (a clone's start for instances), and before the
 * stops of whatever a start would restart, and before anything ordered after a stop of theirs. */
function probeOrders(model: Model, log: RscOrder[]): void {
  // Probes by resource, in the order they were made: a resource's probes share what follows them.
  const probesOf = new Map<Resource, Act[]>();
  for (const a of model.acts) {
    if (a.task !== "monitor" || a.intervalMs !== 0 || !a.rsc || a.kind !== "rsc_op") continue;
    const list = probesOf.get(a.rsc);
    if (list) list.push(a);
    else probesOf.set(a.rsc, [a]);
  }
  for (const [rsc, ps] of probesOf) {
    // a bundle is no clone: its containers' probes come before their own starts
    const starts = model.find((!isContainerUnit(rsc.parent) && cloneOf(rsc)) || rsc, "start");
    for (const p of ps) for (const s of starts) model.order(p, s);
  }
  // What a probe must precede through restarts depends on its resource, not its node: found once per
  // resource and the actions it is ordered before.
  for (const [rsc, ps] of probesOf) {
    const byStart = new Map<Act, Act[]>();
    for (const p of ps) {
      const after = p.after;
      for (let i = 0, n = after.length; i < n; i++) {
        const then = after[i].then;
        let targets = byStart.get(then);
        if (!targets) {
          targets = [];
          restartTargets(model, rsc, then, new Set(), targets);
          byStart.set(then, targets);
        }
        for (const t of targets) model.order(p, t);
      }
    }
  }
  for (const o of log) {
    if (o.firstTask !== "stop" || o.first === o.then || o.first.variant !== "primitive") continue;
    const ps = probesOf.get(o.first);
    if (!ps) continue;
    const thens = model.find(o.then, o.thenTask);
    for (const p of ps) for (const t of thens) if (!(t.task === "stonith" && t.node === p.node) && (!o.sameNode || !t.node || t.node === p.node)) model.order(p, t);
  }
}

/** The stops and demotes of other primitives that a start or promote reached from `after` implies. */
function restartTargets(model: Model, rsc: Resource, after: Act, seen: Set<Act>, out: Act[]): void {
  if (seen.has(after)) return;
  seen.add(after);
  const arsc = after.rsc;
  if (arsc && arsc.variant === "primitive" && arsc !== rsc) {
    const counterpart = after.task === "start" ? "stop" : after.task === "promote" ? "demote" : undefined;
    if (counterpart) for (const t of model.find(arsc, counterpart)) if (t.kind !== "pseudo_event") out.push(t);
  }
  const interleave = arsc?.variant === "clone" && isTrue(arsc.meta.get("interleave"));
  const compatible = interleave && arsc ? arsc.children.find((c) => placement(c) && placement(c) === rsc.assignedTo) : undefined;
  for (const e of after.after) {
    if (!e.impliesThen) {
      const brsc = e.then.rsc;
      if (!arsc || arsc.variant === "primitive" || rsc.parent === arsc || !brsc || brsc.variant === "clone" || brsc.parent !== arsc) continue;
      if (interleave && compatible !== brsc) continue;
    }
    restartTargets(model, rsc, e.then, seen, out);
  }
}

/** Fencing comes before the stops it implies and before starts of resources that need fencing. */
function fencingOrders(model: Model, cluster: Cluster, dcInfo: FencingOptions): void {
  const fences = model.acts.filter((a) => a.task === "stonith");
  if (!fences.length) return;
  // Without concurrent-fencing (Pacemaker 2.1's default), fencing runs one node at a time, the DC last.
  const concurrent = isTrue(dcInfo.concurrent);
  // a guest's fencing is a pseudo event (its guest resource's recovery): not serialized with the others
  const downs = fences.filter((f) => f.meta.CRM_meta_stonith_action !== "on" && f.kind !== "pseudo_event");
  const dc = downs.find((f) => f.node?.id === dcInfo.dcId);
  const others = downs.filter((f) => f !== dc);
  if (!concurrent) for (let i = 1; i < others.length; i++) model.order(others[i - 1], others[i]);
  if (dc) for (const f of concurrent ? others : others.slice(-1)) model.order(f, dc);
  // The actions fencing can precede, indexed once: by node for what happens there, and every start
  // and promote for the resources that require fencing.
  const order = new Map(cluster.resources.map((r, i) => [r, i]));
  const onNode = new Map<SchedNode, Act[]>();
  const recoveries: Act[] = [];
  for (const a of model.acts) {
    const rsc = a.rsc;
    if (!rsc || rsc.variant !== "primitive") continue;
    if (a.task === "start" || a.task === "promote") recoveries.push(a);
    if (!a.node || !(a.task === "start" || a.task === "stop" || a.task === "demote" || (a.task === "monitor" && a.intervalMs === 0))) continue;
    const list = onNode.get(a.node);
    if (list) list.push(a);
    else onNode.set(a.node, [a]);
  }
  for (const f of fences) {
    const here = (f.node && onNode.get(f.node)) || [];
    if (f.meta.CRM_meta_stonith_action === "on") {
      for (const a of here) if (!a.rsc?.isStonith && (a.task === "start" || a.task === "monitor")) model.order(f, a);
      continue;
    }
    for (const a of here) {
      if (a.kind !== "pseudo_event" || (a.task !== "stop" && a.task !== "demote")) continue;
      // a bundled resource's implied stop follows the fencing through its collective's stop only
      const top = a.rsc && bundleOf(a.rsc) ? uberParent(a.rsc) : a.rsc;
      if (!top || top === a.rsc) model.order(f, a, true);
      else if (a.task === "stop") for (const s of model.find(top, "stop")) model.order(f, s);
    }
    for (const a of recoveries) {
      const rsc = a.rsc as Resource;
      // fencing devices and what holds a remote or guest node need quorum only (unpack_requires)
      const quorumOnly = rsc.isStonith || !!rsc.remoteNode || rsc.meta.has("remote-node") || !cluster.options.stonithEnabled;
      const requires = rsc.meta.get("requires") ?? (quorumOnly ? "quorum" : "fencing");
      if (requires === "fencing" || requires === "unfencing") model.order(f, a);
      else if (requires === "quorum" && a.task === "start" && f.node && !rsc.knownOn.has(f.node.uname) && allowedBefore(rsc, f.node, order)) model.order(f, a);
    }
  }
}

const topOf = (r: Resource): Resource => (r.parent ? topOf(r.parent) : r);

/** uber_parent: a resource's topmost collective below a bundle (a container is its own). */
const uberParent = (r: Resource): Resource => (r.parent && !isContainerUnit(r.parent) ? uberParent(r.parent) : r);

/** Whether the fenced node is in the resource's allowed nodes: a bundle's guest node exists only once
 * the bundle is unpacked, so resources configured before the bundle never list it. */
function allowedBefore(rsc: Resource, node: SchedNode, order: Map<Resource, number>): boolean {
  const bundle = node.connection?.bundle;
  if (!bundle) return true;
  return (order.get(topOf(rsc)) ?? -1) > (order.get(bundle.unit) ?? Infinity);
}

/** Every stop on a node shutting down comes before its do_shutdown (but those of resources in
 * maintenance, or on a node in maintenance, which are left alone); the DC shuts down last, after any
 * other node's fencing. */
function shutdownOrders(model: Model, cluster: Cluster, dcInfo: FencingOptions): void {
  const shutdowns = model.acts.filter((a) => a.task === "do_shutdown");
  if (!shutdowns.length) return;
  const byNode = new Map<SchedNode, Act>();
  for (const s of shutdowns) if (s.node) byNode.set(s.node, s);
  for (const a of model.acts) {
    if (a.task !== "stop" || !a.rsc || !a.node) continue;
    const down = byNode.get(a.node);
    if (!down || a.node.maintenance || inMaintenance(a.rsc, cluster)) continue;
    model.order(a, down);
  }
  const dc = shutdowns.find((s) => s.node?.id === dcInfo.dcId);
  if (!dc) return;
  for (const s of shutdowns) if (s !== dc) model.order(s, dc);
  const fences = model.acts.filter((a) => a.task === "stonith" && a.meta.CRM_meta_stonith_action !== "on" && a.kind !== "pseudo_event");
  const concurrent = isTrue(dcInfo.concurrent);
  for (const f of concurrent ? fences : fences.slice(-1)) model.order(f, dc);
}

function inMaintenance(rsc: Resource, cluster: Cluster): boolean {
  if (cluster.options.maintenanceMode) return true;
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (isTrue(r.meta.get("maintenance"))) return true;
  return false;
}

export interface FencingOptions {
  /** The DC's node id (cib dc-uuid). */
  dcId?: string;
  /** The concurrent-fencing cluster property. */
  concurrent?: string;
}

export function addOrderings(model: Model, cluster: Cluster, fencing: FencingOptions = {}, confirmed: Confirmations = new Map()): void {
  const log: RscOrder[] = [];
  for (const top of cluster.resources) internalOrders(model, top, log);
  bundleOrders(model, cluster, confirmed);
  const pseudo = new Map<string, Act>();
  for (const o of cluster.orderings) explicitOrder(model, o, log, pseudo, confirmed);
  for (const o of log) migrationEquivalents(model, o.first, o.firstTask, firstActs(model, o.first, o.firstTask, o.then, confirmed), o.then, o.thenTask);
  antiColocationOrders(model, cluster, log);
  fencingOrders(model, cluster, fencing);
  shutdownOrders(model, cluster, fencing);
  bundleProbeOrders(model, cluster);
  probeOrders(model, log);
}
