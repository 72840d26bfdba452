// Creating the graph's actions from the scheduler's plans: probes, stop/start, demote/promote,
// recurring monitors and their cancellations, the pseudo events of groups and clones, and fencing.
import type { PrimitivePlan } from "./actions.js";
import { isManaged } from "./assign.js";
import { paramsDigest } from "./digest.js";
import { cloneOf, historyOn, type GraphConfig, type OpConfig } from "./graph-config.js";
import type { Act, Model } from "./graph-model.js";
import { addStoppedMonitors } from "./graph-stopped-monitors.js";
import { addMigrationActions } from "./migration.js";
import { guestProbeHold, guestResources, probeEligible, type HeldProbe } from "./graph-remote.js";
import { connectionParams } from "./bundle.js";
import { addBundlePseudoActions, probedThroughBundle, replicaProbeTargets } from "./graph-bundle.js";
import type { Cluster, Resource, SchedNode } from "./types.js";
import { isTrue } from "./score.js";

export interface BuildInput {
  cluster: Cluster;
  plans: Map<Resource, PrimitivePlan>;
  fencing: { node: string; action: string; guestOf?: string }[];
  config: GraphConfig;
  probes: boolean;
}

export const opKey = (id: string, task: string, intervalMs = 0): string => `${id}_${task}_${intervalMs}`;

/** The name a primitive's operation keys use: its history's name when it has one (Pacemaker's clone_name). */
export const keyId = (rsc: Resource): string => rsc.historyName ?? rsc.id;

/** Nodes that are fenced in this transition: what ran there stops with them (pseudo stops). */
export function fencedNodes(input: BuildInput): Set<string> {
  return new Set(input.fencing.filter((f) => f.action !== "on").map((f) => f.node));
}

/** Locations that set resource-discovery, by the resource they name (usually none). */
export type DiscoveryIndex = Map<Resource, Cluster["locations"]>;

export function discoveryIndex(cluster: Cluster): DiscoveryIndex {
  const out: DiscoveryIndex = new Map();
  for (const loc of cluster.locations) {
    if (!loc.discovery) continue;
    const list = out.get(loc.rsc);
    if (list) list.push(loc);
    else out.set(loc.rsc, [loc]);
  }
  return out;
}

export function discoveryAllowed(rsc: Resource, node: SchedNode, index: DiscoveryIndex): boolean {
  if (!index.size) return true;
  let exclusive = false;
  let exclusiveHere = false;
  for (let r: Resource | undefined = rsc; r; r = r.parent) {
    for (const loc of index.get(r) ?? []) {
      const here = loc.node !== undefined ? loc.node === node.uname : !!loc.rules?.some((rule) => rule.matches(node));
      if (loc.discovery === "exclusive") {
        exclusive = true;
        if (here) exclusiveHere = true;
      } else if (loc.discovery === "never" && here) return false;
    }
  }
  return !exclusive || exclusiveHere;
}

/** Whether the primitive's state on the node is known (an anonymous clone's history counts for every instance). */
function knownOn(rsc: Resource, node: SchedNode): boolean {
  if (rsc.knownOn.has(node.uname)) return true;
  const clone = cloneOf(rsc);
  if (!clone || clone.clone?.globallyUnique) return false;
  return clone.children.some((inst) => instancePrimitives(inst).some((p) => p.baseId === rsc.baseId && p.knownOn.has(node.uname)));
}

const instancePrimitives = (r: Resource): Resource[] => (r.variant === "primitive" ? [r] : r.children.flatMap(instancePrimitives));

/** Probe targets on a node: every primitive, but one instance of an anonymous clone (the one active or
 * placed there, else the first). */
function probeTargets(rsc: Resource, node: SchedNode): Resource[] {
  if (rsc.variant === "primitive") return [rsc];
  if (rsc.variant === "group") return rsc.children.flatMap((c) => probeTargets(c, node));
  const live = rsc.children.filter((c) => !c.orphan || instancePrimitives(c).some((p) => p.running.length));
  if (rsc.clone?.globallyUnique) return live.flatMap((c) => probeTargets(c, node));
  const here = (c: Resource) => instancePrimitives(c).some((p) => p.running.includes(node));
  const placed = (c: Resource) => instancePrimitives(c).some((p) => p.assignedTo === node);
  const inst = rsc.children.find(here) ?? rsc.children.find(placed) ?? rsc.children[0];
  return inst ? probeTargets(inst, node) : [];
}

// Most probes expect "not running": those share one attribute record (nothing changes a probe's).
const NOT_RUNNING: Record<string, string> = Object.freeze({ CRM_meta_op_target_rc: "7" }) as Record<string, string>;
const PROBE_META: Record<number, () => Record<string, string>> = {
  7: () => NOT_RUNNING,
  8: () => ({ CRM_meta_op_target_rc: "8" }),
  0: () => ({}),
};


/** uber_parent: the topmost collective of a resource below a bundle. */
function uberParent(rsc: Resource): Resource {
  let r = rsc;
  while (r.parent && r.parent.bundle?.unit !== r.parent) r = r.parent;
  return r;
}

function addProbes(model: Model, input: BuildInput, held: HeldProbe[]): void {
  const { cluster } = input;
  if (!input.probes) return;
  const discovery = discoveryIndex(cluster);
  const keys = new Map<Resource, string>();
  const guests = guestResources(cluster);
  for (const node of cluster.nodes) {
    if (!node.online || node.unclean || node.pending) continue;
    // (what holds probes back depends on the node alone)
    const hold = guestProbeHold(node);
    const probe = (scope: Resource, p: Resource) => {
      if (p.orphan || knownOn(p, node) || !discoveryAllowed(p, node, discovery)) return;
      if (!probeEligible(scope, p, node, guests)) return;
      if (hold) {
        if (hold.guest) held.push({ guest: hold.guest, reason: hold.reason, top: uberParent(p) });
        return;
      }
      const running = p.running.includes(node);
      const targetRc = !running ? 7 : p.role === "Promoted" ? 8 : 0;
      let key = keys.get(p);
      if (!key) keys.set(p, (key = opKey(keyId(p), "monitor")));
      model.add({ key, task: "monitor", kind: "rsc_op", rsc: p, node, required: true, targetRc, meta: PROBE_META[targetRc]() });
    };
    for (const top of cluster.resources) {
      if (probedThroughBundle(top)) continue;
      // a bundle's replicas are probed one by one, each resource as if it stood alone
      if (top.bundle) for (const r of top.bundle.replicas) for (const p of replicaProbeTargets(r, node, input.plans)) probe(p, p);
      else if (top.variant === "primitive") probe(top, top);
      else for (const p of probeTargets(top, node)) probe(top, p);
    }
  }
}

/** Whether an active recurring operation ran with other parameters than configured now: Pacemaker
 * reschedules it. Pacemaker's digest covers the instance and op parameters and the op's timeout;
 * pcs-lite's controller records one of the parameters alone, which counts as current too. */
function digestChanged(rsc: Resource, node: SchedNode, op: OpConfig, config: GraphConfig): boolean {
  const recorded = historyOn(config.digests, node, rsc)?.get(`${op.name}_${op.intervalMs}`);
  if (!recorded) return false;
  const params = new Map(connectionParams(rsc, rsc.paramsOn ? rsc.paramsOn(node) : rsc.params, node));
  for (const [k, v] of op.params) params.set(k, v);
  if (paramsDigest(params) === recorded) return false;
  params.set("CRM_meta_timeout", op.meta.CRM_meta_timeout ?? String(config.defaultTimeoutMs ?? 20000));
  return paramsDigest(params) !== recorded;
}

function roleMatches(op: OpConfig, rsc: Resource): boolean {
  return op.role ? op.role === rsc.nextRole : rsc.nextRole !== "Promoted";
}

/** Recurring operations where the primitive will run: kept when its history has them and nothing
 * restarts it; cancelled when the role they are configured for no longer applies. */
function addRecurring(model: Model, rsc: Resource, plan: PrimitivePlan, start: Act | undefined, input: BuildInput): void {
  const node = plan.to;
  if (!node || rsc.nextRole === "Stopped" || plan.startBlocked || !node.online || node.unclean) return;
  // a monitor watches an instance that runs there or a start that takes it there; neither, no monitor
  if (!plan.start && !rsc.running.includes(node)) return;
  const configured = input.config.ops.get(rsc.baseId) ?? [];
  const ops = configured.filter((o) => o.intervalMs > 0 && o.enabled && o.role !== "Stopped");
  // An operation configured twice with the same name and interval is a configuration error:
  // Pacemaker schedules neither copy.
  const skip = duplicateOps(configured);
  const active = historyOn(input.config.activeRecurring, node, rsc);
  const startRequired = !!start?.required;
  for (const op of ops) {
    const key = `${op.name}_${op.intervalMs}`;
    if (skip.has(key)) continue;
    skip.add(key);
    const optional = !startRequired && !!active?.has(key) && plan.from === node && !digestChanged(rsc, node, op, input.config);
    const attrs: Record<string, string> = { ...op.meta, CRM_meta_interval: String(op.intervalMs), CRM_meta_name: op.name };
    if (op.role) attrs.CRM_meta_role = op.role;
    if (!roleMatches(op, rsc)) {
      if (optional) {
        attrs.CRM_meta_operation = op.name;
        const callId = historyOn(input.config.callIds, node, rsc)?.get(key);
        if (callId) attrs.CRM_meta_call_id = callId;
        model.add({ key: opKey(keyId(rsc), op.name, op.intervalMs), task: "cancel", kind: "rsc_op", rsc, node, required: true, intervalMs: op.intervalMs, meta: attrs });
      }
      continue;
    }
    const targetRc = rsc.nextRole === "Promoted" ? 8 : 0;
    if (targetRc) attrs.CRM_meta_op_target_rc = "8";
    model.add({ key: opKey(keyId(rsc), op.name, op.intervalMs), task: op.name, kind: "rsc_op", rsc, node, required: !optional, intervalMs: op.intervalMs, targetRc, meta: attrs });
  }
}

function duplicateOps(ops: OpConfig[]): Set<string> {
  const count = new Map<string, number>();
  for (const o of ops) if (o.intervalMs > 0) count.set(`${o.name}_${o.intervalMs}`, (count.get(`${o.name}_${o.intervalMs}`) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
}


/** Recurring operations the history shows active where the primitive runs, but that must stop: no
 * longer configured (orphans), or in maintenance. Pacemaker cancels them after any stop there. */
function addHistoryCancels(model: Model, rsc: Resource, input: BuildInput): void {
  if (rsc.orphan) return;
  const configured = new Set((input.config.ops.get(rsc.baseId) ?? []).filter((o) => o.enabled && o.intervalMs > 0).map((o) => `${o.name}_${o.intervalMs}`));
  let inMaintenance = input.cluster.options.maintenanceMode;
  for (let r: Resource | undefined = rsc; r && !inMaintenance; r = r.parent) inMaintenance = isTrue(r.meta.get("maintenance"));
  for (const node of rsc.running) {
    const maintenance = inMaintenance || node.maintenance;
    // Pacemaker checks histories only on nodes that can run actions (or are in maintenance), before
    // assignment: a remote node whose connection is only about to start is not up yet
    const up = !node.remote || !!node.connection?.running.length;
    const available = up && node.online && !node.unclean && !node.standby && !node.shutdown;
    if (!node.maintenance && !available) continue;
    const callIds = historyOn(input.config.callIds, node, rsc);
    for (const key of historyOn(input.config.activeRecurring, node, rsc) ?? []) {
      if (!maintenance && (configured.has(key) || !input.config.stopOrphanActions)) continue;
      const cut = key.lastIndexOf("_");
      const name = key.slice(0, cut);
      const intervalMs = Number(key.slice(cut + 1));
      const meta: Record<string, string> = { CRM_meta_interval: String(intervalMs), CRM_meta_operation: name };
      const callId = callIds?.get(key);
      if (callId) meta.CRM_meta_call_id = callId;
      const cancel = model.add({ key: opKey(keyId(rsc), name, intervalMs), task: "cancel", kind: "rsc_op", rsc, node, required: true, intervalMs, meta, afterStop: true });
      for (const stop of model.find(rsc, "stop", node)) model.order(stop, cancel);
    }
  }
}

function addPrimitive(model: Model, rsc: Resource, plan: PrimitivePlan, input: BuildInput, fenced: Set<string>): void {
  addPrimitiveActions(model, rsc, plan, input, fenced);
  addHistoryCancels(model, rsc, input);
}

function addPrimitiveActions(model: Model, rsc: Resource, plan: PrimitivePlan, input: BuildInput, fenced: Set<string>): void {
  const managed = isManaged(rsc, input.cluster);
  if (!managed) {
    if (plan.to && plan.from === plan.to) addRecurring(model, rsc, plan, undefined, input);
    return;
  }
  const onFenced = (n: SchedNode) => fenced.has(n.uname);
  const rscAct = (task: string, node: SchedNode, required: boolean) =>
    // a guest node is back once its guest is recovered: what starts there after its fencing runs
    model.add({ key: opKey(keyId(rsc), task), task, kind: onFenced(node) && task !== "start" && task !== "promote" ? "pseudo_event" : "rsc_op", rsc, node, required });
  const promotable = !!cloneOf(rsc)?.clone?.promotable;
  if (rsc.role === "Promoted" && plan.from) rscAct("demote", plan.from, plan.stop || rsc.nextRole !== "Promoted");
  // what a finished migration left on its source is stopped there (pcmk__abort_dangling_migration)
  for (const n of rsc.danglingOn ?? []) if (!rsc.running.includes(n) && n.online && !n.unclean) rscAct("stop", n, true);
  for (const n of rsc.running) {
    // the target of a migration that continues keeps its copy
    if (plan.partial && n === plan.to) continue;
    // a stop cannot run on a node we cannot reach, unless fencing stands in for it
    const reachable = (n.online && !n.unclean) || onFenced(n);
    // multiple-active=stop_unexpected leaves the copy where the resource belongs alone
    const expected = n === plan.to && rsc.running.length > 1 && rsc.meta.get("multiple-active") === "stop_unexpected";
    // (the stop of a multiply active resource whose current copy is out of reach still runs elsewhere)
    const stopping = plan.stop || (!!plan.stopBlocked && rsc.running.length > 1);
    const a = rscAct("stop", n, stopping && reachable && !expected);
    if (onFenced(n)) a.meta.CRM_meta_fenced = n.uname;
  }
  let start: Act | undefined;
  if (plan.to) start = rscAct("start", plan.to, plan.start && !plan.startBlocked);
  if (start && plan.startBlocked) start.unrunnable = true;
  if (start && plan.migrate) {
    // the move is made by the migration: the start only marks it complete
    start.kind = "pseudo_event";
    addMigrationActions(model, rsc, plan, (task) => opKey(keyId(rsc), task));
  }
  if (plan.to && rsc.nextRole === "Promoted") rscAct("promote", plan.to, !plan.startBlocked && (plan.start || rsc.role !== "Promoted"));
  else if (promotable && plan.to) rscAct("promote", plan.to, false);
  addRecurring(model, rsc, plan, start, input);
}

/** Pseudo events of a group or clone, required when any member's corresponding action is. */
function addCollective(model: Model, rsc: Resource): void {
  for (const c of rsc.children) if (c.variant !== "primitive") addCollective(model, c);
  const promotable = rsc.variant === "clone" ? !!rsc.clone?.promotable : !!cloneOf(rsc)?.clone?.promotable;
  const childRequired = (task: string) => rsc.children.some((c) => (model.byRsc.get(c) ?? []).some((a) => a.task === task && a.intervalMs === 0 && a.required));
  const pairs: [string, string][] = [["start", "running"], ["stop", "stopped"]];
  if (promotable) pairs.push(["promote", "promoted"], ["demote", "demoted"]);
  for (const [task, done] of pairs) {
    const required = childRequired(task);
    model.add({ key: opKey(rsc.id, task), task, kind: "pseudo_event", rsc, required });
    // A clone's completion events outrank other synapses (Pacemaker's INFINITY priority).
    model.add({ key: opKey(rsc.id, done), task: done, kind: "pseudo_event", rsc, required, ...(rsc.variant === "clone" ? { priority: 1000000 } : {}) });
  }
}

/** A cluster node that is online and shutting down (not fenced) gets the controller's do_shutdown;
 * remote nodes get none. */
function addShutdowns(model: Model, input: BuildInput, fenced: Set<string>): void {
  for (const node of input.cluster.nodes) {
    if (!node.online || !node.shutdown || node.type === "remote" || fenced.has(node.uname)) continue;
    model.add({ key: `do_shutdown-${node.uname}`, task: "do_shutdown", kind: "crm_event", node, required: true, meta: { CRM_meta_op_no_wait: "true" }, downed: [node.id] });
  }
}

export function addActions(model: Model, input: BuildInput): HeldProbe[] {
  const held: HeldProbe[] = [];
  const fenced = fencedNodes(input);
  for (const f of input.fencing) {
    const node = input.cluster.nodeByName.get(f.node);
    if (!node) continue;
    const act = model.add({ key: `stonith-${f.node}-${f.action}`, task: "stonith", kind: f.guestOf ? "pseudo_event" : "crm_event", node, required: true, meta: { CRM_meta_stonith_action: f.action } });
    if (f.action !== "on") act.downed = [node.id];
  }
  addShutdowns(model, input, fenced);
  addProbes(model, input, held);
  for (const [rsc, plan] of input.plans) addPrimitive(model, rsc, plan, input, fenced);
  const stopped = { cluster: input.cluster, config: input.config, key: (r: Resource, task: string, ms: number) => opKey(keyId(r), task, ms), duplicates: duplicateOps };
  for (const [rsc, plan] of input.plans) addStoppedMonitors(model, rsc, plan, stopped);
  for (const top of input.cluster.resources) if (top.variant !== "primitive") addCollective(model, top);
  addBundlePseudoActions(model, input.cluster);
  return held;
}
