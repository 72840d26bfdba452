/**
 * The transition graph: what the controller executes. Built from the scheduler's decisions (one plan per
 * primitive) as Pacemaker 2.1's graph phase does: every action the scheduler considers is created
 * (required ones are executed, optional ones only carry orderings), ordered by the implicit rules of
 * primitives, groups and clones, the explicit constraints, fencing and probes, then written as
 * `<transition_graph>`: one synapse per required action, its inputs the required actions before it.
 */
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { addActions } from "./graph-actions.js";
import { cloneOf, historyId, readGraphConfig, type GraphConfig } from "./graph-config.js";
import { newModel, type Act } from "./graph-model.js";
import { addOrderings } from "./graph-order.js";
import type { GraphAction, GraphResource, TransitionGraph } from "./graph-types.js";
import { schedule, type ScheduleOutput } from "./index.js";
import type { Resource } from "./types.js";

export type { TransitionGraph, GraphAction } from "./graph-types.js";
export { graphXml } from "./graph-xml.js";

const FEATURE_SET = "3.16.1";

function clusterProperties(cib: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const config = firstChild(cib, "configuration");
  const crm = config && firstChild(config, "crm_config");
  for (const set of crm ? childElements(crm, "cluster_property_set") : []) {
    for (const nv of childElements(set, "nvpair")) if (nv.attrs.name && !out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
  }
  return out;
}

function graphOptions(props: Map<string, string>): Record<string, string> {
  const startFatal = !/^(false|no|off|n|0)$/i.test(props.get("start-failure-is-fatal") ?? "true");
  const options: Record<string, string> = {
    "cluster-delay": props.get("cluster-delay") ?? "60s",
    "stonith-timeout": props.get("stonith-timeout") ?? "60s",
    "failed-stop-offset": "INFINITY",
    "failed-start-offset": startFatal ? "INFINITY" : "1",
    "batch-limit": props.get("batch-limit") ?? "0",
  };
  const migrationLimit = props.get("migration-limit");
  if (migrationLimit && migrationLimit !== "-1") options["migration-limit"] = migrationLimit;
  options.transition_id = "0";
  return options;
}

const isTrue = (v: string | undefined) => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());

/** CRM_meta_* of a clone that every action of it and of its instances carries. */
function cloneMeta(clone: Resource): Record<string, string> {
  const info = clone.clone;
  if (!info) return {};
  const meta: Record<string, string> = {
    CRM_meta_clone_max: String(info.max),
    CRM_meta_clone_node_max: String(info.nodeMax),
    CRM_meta_globally_unique: String(info.globallyUnique),
    CRM_meta_notify: String(isTrue(clone.meta.get("notify"))),
  };
  if (info.promotable) {
    for (const [name, value] of [["promoted_max", info.promotedMax], ["promoted_node_max", info.promotedNodeMax]] as const) {
      meta[`CRM_meta_${name}`] = String(value);
      meta[`CRM_meta_${name.replace("promoted", "master")}`] = String(value);
    }
  }
  return meta;
}

function instanceNumber(rsc: Resource): number | undefined {
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (r.instance !== undefined) return r.instance;
  return undefined;
}

function timeoutMs(act: Act, config: GraphConfig): string {
  if (act.meta.CRM_meta_timeout) return act.meta.CRM_meta_timeout;
  const rsc = act.rsc;
  const ops = rsc?.variant === "primitive" ? (config.ops.get(rsc.baseId) ?? []) : [];
  const task = act.task === "cancel" ? "monitor" : act.task;
  const own = ops.find((o) => o.name === task && o.intervalMs === act.intervalMs)?.meta.CRM_meta_timeout;
  if (own) return own;
  if (task === "monitor" && act.intervalMs === 0) {
    // A probe without its own definition takes the timeout of the most frequent monitor.
    const monitors = ops.filter((o) => o.name === "monitor" && o.intervalMs > 0 && o.meta.CRM_meta_timeout).sort((a, b) => a.intervalMs - b.intervalMs);
    if (monitors.length) return monitors[0].meta.CRM_meta_timeout;
  }
  return String(config.defaultTimeoutMs ?? 20000);
}

function graphResource(rsc: Resource): GraphResource {
  const [cls, ...rest] = rsc.agent.split(":");
  const type = rest.pop() ?? "";
  const provider = rest.length ? rest.join(":") : undefined;
  const id = rsc.historyName ?? historyId(rsc);
  return { id, ...(id !== rsc.id ? { longId: rsc.id } : {}), class: cls, ...(provider ? { provider } : {}), type };
}

function attributesOf(act: Act, config: GraphConfig): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rsc = act.rsc;
  const clone = rsc && (rsc.variant === "clone" ? rsc : cloneOf(rsc));
  if (clone) Object.assign(attrs, cloneMeta(clone));
  const instance = rsc && rsc.variant === "primitive" ? instanceNumber(rsc) : undefined;
  if (instance !== undefined && clone) attrs.CRM_meta_clone = String(instance);
  Object.assign(attrs, act.meta);
  delete attrs.CRM_meta_fenced;
  if (act.kind !== "pseudo_event" && act.node) {
    attrs.CRM_meta_on_node = act.node.uname;
    attrs.CRM_meta_on_node_uuid = act.node.id;
  }
  if (act.task !== "stonith" && act.task !== "one-or-more") attrs.CRM_meta_timeout = timeoutMs(act, config);
  else delete attrs.CRM_meta_timeout;
  attrs.crm_feature_set = FEATURE_SET;
  if (rsc?.variant === "primitive" && act.kind === "rsc_op") {
    const params = act.node && rsc.paramsOn ? rsc.paramsOn(act.node) : rsc.params;
    for (const [k, v] of params) attrs[k] = v;
  }
  return attrs;
}

/** Actions in the graph, each with the required actions ordered before it. */
export function transitionGraph(cib: XmlElement, now: number = Date.now(), result?: ScheduleOutput): TransitionGraph {
  const out = result ?? schedule(cib, now);
  const props = clusterProperties(cib);
  const config = readGraphConfig(cib);
  const model = newModel();
  addActions(model, { cluster: out.cluster, plans: out.plans, fencing: out.fencing, config, probes: !/^(false|no|off|n|0)$/i.test(props.get("enable-startup-probes") ?? "true") });
  addOrderings(model, out.cluster, { dcId: cib.attrs["dc-uuid"], concurrent: props.get("concurrent-fencing") });
  const ids = new Map<Act, number>();
  const required = model.acts.filter((a) => a.required);
  required.forEach((a, i) => ids.set(a, i));
  const actions: GraphAction[] = required.map((a) => {
    const inputs = [...new Set(a.before.map((e) => ids.get(e.first)).filter((i): i is number => i !== undefined))].sort((x, y) => x - y);
    const executed = a.kind !== "pseudo_event";
    const action: GraphAction = {
      id: ids.get(a) as number,
      kind: a.kind,
      task: a.task,
      operationKey: a.key,
      ...(executed && a.node ? { node: { uname: a.node.uname, id: a.node.id } } : {}),
      ...(executed && a.rsc?.variant === "primitive" ? { rsc: graphResource(a.rsc) } : {}),
      intervalMs: a.intervalMs,
      targetRc: a.targetRc,
      attributes: attributesOf(a, config),
      inputs,
    };
    if (a.downed) action.downed = a.downed;
    return action;
  });
  return { options: graphOptions(props), actions };
}
