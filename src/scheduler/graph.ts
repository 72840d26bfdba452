/**
 * The transition graph: what the controller executes. Built from the scheduler's decisions (one plan per
 * primitive) as Pacemaker 2.1's graph phase does: every action the scheduler considers is created
 * (required ones are executed, optional ones only carry orderings), ordered by the implicit rules of
 * primitives, groups and clones, the explicit constraints, fencing and probes, then written as
 * `<transition_graph>`: one synapse per required action, its inputs the required actions before it.
 */
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { addActions, keyId } from "./graph-actions.js";
import { addFailcountClears } from "./graph-failcount.js";
import { connectionParams } from "./bundle.js";
import { guestFenceOrders, heldProbeOrders, physicalHost, remoteMeta, remoteOrders, routerNode } from "./graph-remote.js";
import { addCleanups } from "./graph-cleanup.js";
import { dropUnrunnable } from "./graph-runnable.js";
import { cloneOf, historyId, readGraphConfig, type GraphConfig } from "./graph-config.js";
import { newModel, type Act } from "./graph-model.js";
import { addNotifications, notifyMeta } from "./graph-notify.js";
import { addOrderings } from "./graph-order.js";
import type { GraphAction, GraphResource, TransitionGraph } from "./graph-types.js";
import { graphStreamChunks, type ActionHead, type GraphStream } from "./graph-xml.js";
import { schedule, type ScheduleOutput } from "./index.js";
import type { Resource, SchedNode } from "./types.js";

export type { TransitionGraph, GraphAction } from "./graph-types.js";
export { graphXml, graphXmlChunks } from "./graph-xml.js";

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


/** CRM_meta_* of a clone that every action of it and of its instances carries. */
function cloneMeta(clone: Resource): Record<string, string> {
  const info = clone.clone;
  if (!info) return {};
  const meta: Record<string, string> = {
    CRM_meta_clone_max: String(info.max),
    CRM_meta_clone_node_max: String(info.nodeMax),
    CRM_meta_globally_unique: String(info.globallyUnique),
    CRM_meta_notify: String(notifyMeta(clone)),
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

/** What every action of a primitive shares, computed once per primitive (or collective). */
interface RscShared {
  /** CRM_meta_* of its clone, and its instance number. */
  base: Record<string, string>;
  graphRsc?: GraphResource;
  /** Timeouts by "task_interval" (probes fall back to the most frequent monitor's). */
  timeouts: Map<string, string>;
}

function timeoutMs(act: Act, shared: RscShared, config: GraphConfig): string {
  if (act.meta.CRM_meta_timeout) return act.meta.CRM_meta_timeout;
  const task = act.task === "cancel" ? "monitor" : act.task;
  // (interval 0 keyed by the task alone: no key string made for most actions)
  const key = act.intervalMs ? `${task}_${act.intervalMs}` : task;
  const known = shared.timeouts.get(key);
  if (known !== undefined) return known;
  const rsc = act.rsc;
  const ops = rsc?.variant === "primitive" ? (config.ops.get(rsc.baseId) ?? []) : [];
  let timeout = ops.find((o) => o.name === task && o.intervalMs === act.intervalMs)?.meta.CRM_meta_timeout;
  if (!timeout && task === "monitor" && act.intervalMs === 0) {
    // A probe without its own definition takes the timeout of the most frequent monitor.
    const monitors = ops.filter((o) => o.name === "monitor" && o.intervalMs > 0 && o.meta.CRM_meta_timeout).sort((a, b) => a.intervalMs - b.intervalMs);
    if (monitors.length) timeout = monitors[0].meta.CRM_meta_timeout;
  }
  timeout ??= String(config.defaultTimeoutMs ?? 20000);
  shared.timeouts.set(key, timeout);
  return timeout;
}

function graphResource(rsc: Resource): GraphResource {
  const [cls, ...rest] = rsc.agent.split(":");
  const type = rest.pop() ?? "";
  const provider = rest.length ? rest.join(":") : undefined;
  const id = rsc.historyName ?? historyId(rsc);
  return { id, ...(id !== rsc.id ? { longId: rsc.id } : {}), class: cls, ...(provider ? { provider } : {}), type };
}

function sharedOf(rsc: Resource | undefined, cache: Map<Resource | undefined, RscShared>): RscShared {
  let shared = cache.get(rsc);
  if (shared) return shared;
  const base: Record<string, string> = {};
  const clone = rsc && (rsc.variant === "clone" ? rsc : cloneOf(rsc));
  if (clone) Object.assign(base, cloneMeta(clone));
  const instance = rsc && rsc.variant === "primitive" ? instanceNumber(rsc) : undefined;
  if (instance !== undefined && clone) base.CRM_meta_clone = String(instance);
  if (rsc?.variant === "primitive") remoteMeta(rsc, base);
  shared = { base, timeouts: new Map(), ...(rsc?.variant === "primitive" ? { graphRsc: graphResource(rsc) } : {}) };
  cache.set(rsc, shared);
  return shared;
}

function attributesOf(act: Act, shared: RscShared, config: GraphConfig): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const k in shared.base) attrs[k] = shared.base[k];
  for (const k in act.meta) if (k !== "CRM_meta_fenced") attrs[k] = act.meta[k];
  if ((act.kind !== "pseudo_event" || act.task === "stonith") && act.node) {
    attrs.CRM_meta_on_node = act.node.uname;
    attrs.CRM_meta_on_node_uuid = act.node.id;
  }
  const host = act.node?.remote === "guest" && act.rsc ? physicalHost(act) : undefined;
  if (host) {
    const target = act.rsc?.meta.get("container-attribute-target");
    if (target !== undefined) attrs.CRM_meta_container_attribute_target = target;
    attrs.CRM_meta_physical_host = host.uname;
  }
  if (act.task !== "stonith" && act.task !== "one-or-more" && act.task !== "do_shutdown") attrs.CRM_meta_timeout = timeoutMs(act, shared, config);
  else delete attrs.CRM_meta_timeout;
  attrs.crm_feature_set = FEATURE_SET;
  const rsc = act.rsc;
  if (rsc?.variant === "primitive" && act.kind === "rsc_op") {
    const params = act.node && rsc.paramsOn ? connectionParams(rsc, rsc.paramsOn(act.node), act.node) : rsc.params;
    for (const [k, v] of params) attrs[k] = v;
  }
  return attrs;
}

/** The ids of the required actions before `act`, ascending, each once. */
function inputIds(act: Act, ids: Int32Array): number[] {
  const out: number[] = [];
  for (const e of act.before) {
    const id = ids[e.first.idx];
    if (id >= 0) out.push(id);
  }
  if (out.length < 2) return out;
  out.sort((x, y) => x - y);
  let n = 1;
  for (let i = 1; i < out.length; i++) if (out[i] !== out[n - 1]) out[n++] = out[i];
  out.length = n;
  return out;
}

/** The graph's actions, made one at a time: a graph written out as it is made keeps none of them. */
function graphStream(source: XmlElement, now: number, result: ScheduleOutput | undefined): GraphStream {
  const out = result ?? schedule(source, now);
  // the graph needs the operations of a bundle's generated resources too
  const cib = out.expanded;
  const props = clusterProperties(cib);
  const config = readGraphConfig(cib);
  const model = newModel();
  const held = addActions(model, { cluster: out.cluster, plans: out.plans, fencing: out.fencing, config, probes: !/^(false|no|off|n|0)$/i.test(props.get("enable-startup-probes") ?? "true") });
  heldProbeOrders(model, held);
  addCleanups(model, cib, out.cluster);
  addFailcountClears(model, cib, out.cluster, keyId);
  const confirmed = addNotifications(model, out.cluster);
  addOrderings(model, out.cluster, { dcId: cib.attrs["dc-uuid"], concurrent: props.get("concurrent-fencing") }, confirmed);
  remoteOrders(model, out.cluster);
  guestFenceOrders(model);
  dropUnrunnable(model, out.plans);
  const ids = new Int32Array(model.acts.length).fill(-1);
  const required = model.acts.filter((a) => a.required);
  required.forEach((a, i) => (ids[a.idx] = i));
  const shared = new Map<Resource | undefined, RscShared>();
  const nodes = new Map<SchedNode, { uname: string; id: string }>();
  const nodeOf = (n: SchedNode) => {
    let ref = nodes.get(n);
    if (!ref) nodes.set(n, (ref = { uname: n.uname, id: n.id }));
    return ref;
  };
  const routed = (a: Act): string | undefined => (a.node?.remote && a.kind !== "pseudo_event" ? routerNode(a)?.uname : undefined);
  const head = (i: number): ActionHead => {
    const a = required[i];
    const h: ActionHead = { id: i, kind: a.kind, task: a.task, operationKey: a.key };
    if ((a.kind !== "pseudo_event" || a.task === "stonith") && a.node) h.node = nodeOf(a.node);
    const router = routed(a);
    if (router) h.router = router;
    return h;
  };
  const action = (i: number): GraphAction => {
    const a = required[i];
    const executed = a.kind !== "pseudo_event";
    const common = sharedOf(a.rsc, shared);
    const action: GraphAction = {
      id: i,
      kind: a.kind,
      task: a.task,
      operationKey: a.key,
      intervalMs: a.intervalMs,
      targetRc: a.targetRc,
      attributes: attributesOf(a, common, config),
      inputs: inputIds(a, ids),
    };
    if ((executed || a.task === "stonith") && a.node) action.node = nodeOf(a.node);
    const router = routed(a);
    if (router) action.router = router;
    if (executed && common.graphRsc) action.rsc = common.graphRsc;
    if (a.downed) action.downed = a.downed;
    if (a.priority) action.priority = a.priority;
    return action;
  };
  return { options: graphOptions(props), size: required.length, action, head };
}

/** Actions in the graph, each with the required actions ordered before it. */
export function transitionGraph(source: XmlElement, now: number = Date.now(), result?: ScheduleOutput): TransitionGraph {
  const stream = graphStream(source, now, result);
  return { options: stream.options, actions: Array.from({ length: stream.size }, (_, i) => stream.action(i)) };
}

/** The graph's XML text in chunks (graphXmlChunks), made without keeping the whole graph. */
export function transitionGraphChunks(source: XmlElement, now: number = Date.now(), result?: ScheduleOutput): Generator<string> {
  return graphStreamChunks(graphStream(source, now, result));
}
