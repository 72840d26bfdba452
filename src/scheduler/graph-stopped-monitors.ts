// Recurring monitors configured for the Stopped role: they watch that a primitive stays stopped on
// every node but the one it is placed on, where an active one is cancelled before the start. As
// Pacemaker 2.1 schedules them (recurring_op_for_inactive); anonymous clones have none.
import type { PrimitivePlan } from "./actions.js";
import { isManaged } from "./assign.js";
import { cloneOf, historyOn, type GraphConfig, type OpConfig } from "./graph-config.js";
import type { Model } from "./graph-model.js";
import type { Cluster, Resource, SchedNode } from "./types.js";
import { isTrue } from "./score.js";


function inMaintenance(rsc: Resource, cluster: Cluster): boolean {
  if (cluster.options.maintenanceMode) return true;
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (isTrue(r.meta.get("maintenance"))) return true;
  return false;
}

export interface StoppedMonitorInput {
  cluster: Cluster;
  config: GraphConfig;
  /** The operation key of one of the primitive's operations. */
  key: (rsc: Resource, task: string, intervalMs: number) => string;
  /** Operations to leave out: configured twice with the same name and interval. */
  duplicates: (ops: OpConfig[]) => Set<string>;
}

export function addStoppedMonitors(model: Model, rsc: Resource, plan: PrimitivePlan, input: StoppedMonitorInput): void {
  const { cluster, config } = input;
  const configured = config.ops.get(rsc.baseId) ?? [];
  const ops = configured.filter((o) => o.intervalMs > 0 && o.enabled && o.role === "Stopped");
  if (!ops.length || rsc.blocked || inMaintenance(rsc, cluster)) return;
  const clone = cloneOf(rsc);
  if (clone && !clone.clone?.globallyUnique) return;
  const skip = input.duplicates(configured);
  const managed = isManaged(rsc, cluster);
  const placed = rsc.nextRole !== "Stopped" ? plan.to : undefined;
  for (const op of ops) {
    const name = `${op.name}_${op.intervalMs}`;
    if (skip.has(name)) continue;
    skip.add(name);
    const key = input.key(rsc, op.name, op.intervalMs);
    const meta: Record<string, string> = { ...op.meta, CRM_meta_interval: String(op.intervalMs), CRM_meta_name: op.name, CRM_meta_role: "Stopped", CRM_meta_op_target_rc: "7" };
    for (const node of cluster.nodes) {
      const active = !!(historyOn(config.activeRecurring, node, rsc)?.has(name) || historyOn(config.inactiveRecurring, node, rsc)?.has(name));
      if (node === placed) {
        if (active) addCancel(model, rsc, node, op, key, config);
        continue;
      }
      monitorWhereStopped(model, { rsc, node, key, meta, optional: active, managed });
    }
  }
}

function addCancel(model: Model, rsc: Resource, node: SchedNode, op: OpConfig, key: string, config: GraphConfig): void {
  const meta: Record<string, string> = { CRM_meta_interval: String(op.intervalMs), CRM_meta_operation: op.name };
  const callId = historyOn(config.callIds, node, rsc)?.get(`${op.name}_${op.intervalMs}`);
  if (callId) meta.CRM_meta_call_id = callId;
  const cancel = model.add({ key, task: "cancel", kind: "rsc_op", rsc, node, required: true, intervalMs: op.intervalMs, meta, afterStop: true });
  if (rsc.nextRole === "Started" || rsc.nextRole === "Unpromoted") for (const s of model.find(rsc, "start")) model.order(cancel, s);
}

interface StoppedMonitor {
  rsc: Resource;
  node: SchedNode;
  key: string;
  meta: Record<string, string>;
  /** Already running there (the history shows it): nothing to schedule. */
  optional: boolean;
  managed: boolean;
}

function monitorWhereStopped(model: Model, m: StoppedMonitor): void {
  const { rsc, node } = m;
  let optional = m.optional;
  let runnable = node.online && !node.unclean;
  const stops = model.find(rsc, "stop", node);
  for (const stop of stops) {
    // the stop implies the monitor after it: a running one is restarted once the resource stopped
    if (stop.required && m.managed) optional = false;
    else if (stop.required && !optional && !m.managed) optional = true;
    if (!stop.required && stop.kind === "rsc_op" && rsc.blocked) runnable = false;
  }
  const intervalMs = Number(m.meta.CRM_meta_interval);
  const monitor = model.add({ key: m.key, task: "monitor", kind: "rsc_op", rsc, node, required: !optional && runnable, intervalMs, targetRc: 7, meta: m.meta, afterStop: true });
  if (m.managed) for (const probe of model.find(rsc, "monitor", node)) model.order(probe, monitor);
  if (m.managed) for (const stop of stops) model.order(stop, monitor, true);
}
