// What the transition graph needs from the CIB beyond the scheduler's model: each primitive's
// configured operations (intervals, timeouts, roles), the operation defaults, and the recurring
// operations each node's history shows active.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import type { Resource, Role, SchedNode } from "./types.js";
import { parseRole } from "./unpack.js";
import { clusterProperty } from "../cib/properties.js";

export interface OpConfig {
  name: string;
  intervalMs: number;
  role?: Role;
  /** The op element's other attributes as CRM_meta_* values (timeout in ms, on_fail, ...). */
  meta: Record<string, string>;
  enabled: boolean;
  /** The op's own instance attributes (they join its parameter digest). */
  params: Map<string, string>;
}

export interface GraphConfig {
  /** Configured operations by primitive base id. */
  ops: Map<string, OpConfig[]>;
  /** op_defaults timeout in ms, when set. */
  defaultTimeoutMs?: number;
  /** "node|lrm_resource id" -> operation keys of recurring ops active since the last start. */
  activeRecurring: Map<string, ReadonlySet<string>>;
  /** "node|lrm_resource id" -> recurring ops recorded after the resource's last stop there. */
  inactiveRecurring: Map<string, Set<string>>;
  /** "node|lrm_resource id" -> call ids of the recurring ops in that history (for cancel). */
  callIds: Map<string, ReadonlyMap<string, string>>;
  /** "node|lrm_resource id" -> the recorded op-digest of each active recurring op (sanitized
   * records, with an op-secure-digest, are left out: their parameters cannot be compared). */
  digests: Map<string, ReadonlyMap<string, string>>;
  /** stop-orphan-actions: cancel recurring operations no longer configured (default true). */
  stopOrphanActions: boolean;
}

/** Pacemaker's interval/timeout syntax to milliseconds ("10s", "1m", "500ms", "20", "PT5S"). */
export function durationMs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/i.exec(v);
  if (m) {
    const n = Number(m[1]);
    const unit = (m[2] ?? "s").toLowerCase();
    const factor = unit.startsWith("ms") ? 1 : unit.startsWith("m") ? 60000 : unit.startsWith("h") ? 3600000 : 1000;
    return Math.round(n * factor);
  }
  // ISO 8601 durations; Pacemaker also reads hours and seconds without the "T" ("P10S").
  const iso = /^P(?:(\d+)D)?(?:T(?=\d))?(?:(\d+)H)?(?:(?<=T(?:\d+H)?)(\d+)M)?(?:(\d+)S)?$/i.exec(v.trim());
  if (iso && v.trim().length > 1) return (((Number(iso[1] ?? 0) * 24 + Number(iso[2] ?? 0)) * 60 + Number(iso[3] ?? 0)) * 60 + Number(iso[4] ?? 0)) * 1000;
  return undefined;
}

const isFalse = (v: string | undefined) => v !== undefined && /^(false|no|off|n|0)$/i.test(v.trim());

function opConfig(op: XmlElement): OpConfig {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(op.attrs)) {
    if (["id", "name", "interval", "role", "description", "enabled", "timeout"].includes(k)) continue;
    meta[`CRM_meta_${k.replace(/-/g, "_")}`] = k === "start-delay" || k === "interval-origin" ? String(durationMs(v) ?? v) : v;
  }
  for (const set of childElements(op, "meta_attributes")) {
    for (const nv of childElements(set, "nvpair")) if (nv.attrs.name && nv.attrs.name !== "timeout") meta[`CRM_meta_${nv.attrs.name.replace(/-/g, "_")}`] = nv.attrs.value ?? "";
  }
  const metaTimeout = childElements(op, "meta_attributes").flatMap((s) => childElements(s, "nvpair")).find((nv) => nv.attrs.name === "timeout")?.attrs.value;
  const timeout = durationMs(op.attrs.timeout ?? metaTimeout);
  if (timeout !== undefined) meta.CRM_meta_timeout = String(timeout);
  const params = new Map<string, string>();
  for (const set of childElements(op, "instance_attributes")) for (const nv of childElements(set, "nvpair")) if (nv.attrs.name && !params.has(nv.attrs.name)) params.set(nv.attrs.name, nv.attrs.value ?? "");
  return { name: op.attrs.name ?? "", intervalMs: durationMs(op.attrs.interval) ?? 0, role: parseRole(op.attrs.role), meta, enabled: !isFalse(op.attrs.enabled), params };
}

function collectPrimitives(e: XmlElement, out: Map<string, OpConfig[]>): void {
  if (e.name === "primitive" && e.attrs.id) {
    const ops = firstChild(e, "operations");
    out.set(e.attrs.id, ops ? childElements(ops, "op").map(opConfig) : []);
  }
  for (const c of e.children) collectPrimitives(c, out);
}

function defaultTimeout(config: XmlElement | undefined): number | undefined {
  const defaults = config && firstChild(config, "op_defaults");
  for (const set of defaults ? childElements(defaults, "meta_attributes") : []) {
    if (firstChild(set, "rule")) continue;
    for (const nv of childElements(set, "nvpair")) if (nv.attrs.name === "timeout") return durationMs(nv.attrs.value);
  }
  return undefined;
}

const NO_KEYS: ReadonlySet<string> = new Set();
const NO_VALUES: ReadonlyMap<string, string> = new Map();

/** Recurring operations whose last record follows the resource's last start (Pacemaker keeps them running). */
function readHistory(status: XmlElement | undefined, { activeRecurring: active, inactiveRecurring: inactive, callIds, digests }: Pick<GraphConfig, "activeRecurring" | "inactiveRecurring" | "callIds" | "digests">): void {
  for (const ns of status ? childElements(status, "node_state") : []) {
    const uname = ns.attrs.uname;
    const lrm = firstChild(ns, "lrm");
    const list = lrm && firstChild(lrm, "lrm_resources");
    for (const lr of list ? childElements(list, "lrm_resource") : []) {
      const ops = childElements(lr, "lrm_rsc_op").sort((a, b) => Number(a.attrs["call-id"] ?? 0) - Number(b.attrs["call-id"] ?? 0));
      let start = -1;
      let stop = -1;
      ops.forEach((o, i) => {
        const task = o.attrs.operation;
        if (task === "stop") stop = i;
        else if (task === "start" || task === "migrate_from" || task === "promote" || task === "demote") start = i;
        else if (task === "monitor" && Number(o.attrs.interval ?? 0) === 0 && ["0", "8"].includes(o.attrs["rc-code"] ?? "") && start <= stop) start = i;
      });
      if (start < stop) {
        // Where it was stopped last, what ran after the stop is active (monitors of the Stopped role).
        const after = new Set<string>();
        for (const o of ops.slice(stop + 1)) if (Number(o.attrs.interval ?? 0) > 0 && o.attrs["op-status"] !== "-1") after.add(`${o.attrs.operation}_${Number(o.attrs.interval)}`);
        if (after.size) inactive.set(`${uname}|${lr.attrs.id}`, after);
        continue;
      }
      const from = Math.max(start, 0);
      const at = `${uname}|${lr.attrs.id}`;
      // most histories hold no recurring operation: those share one empty entry (read only)
      if (!ops.some((o, i) => i >= from && Number(o.attrs.interval ?? 0) && o.attrs["op-status"] !== "-1")) {
        active.set(at, NO_KEYS);
        callIds.set(at, NO_VALUES);
        digests.set(at, NO_VALUES);
        continue;
      }
      const keys = new Set<string>();
      const ids = new Map<string, string>();
      const recorded = new Map<string, string>();
      for (const o of ops.slice(from)) {
        const interval = Number(o.attrs.interval ?? 0);
        if (!interval || o.attrs["op-status"] === "-1") continue;
        const key = `${o.attrs.operation}_${interval}`;
        keys.add(key);
        ids.set(key, o.attrs["call-id"] ?? "");
        if (o.attrs["op-digest"] && !o.attrs["op-secure-digest"]) recorded.set(key, o.attrs["op-digest"]);
        else recorded.delete(key);
      }
      active.set(at, keys);
      callIds.set(at, ids);
      digests.set(at, recorded);
    }
  }
}

export function readGraphConfig(cib: XmlElement): GraphConfig {
  const config = firstChild(cib, "configuration");
  const ops = new Map<string, OpConfig[]>();
  const resources = config && firstChild(config, "resources");
  if (resources) collectPrimitives(resources, ops);
  const history = { activeRecurring: new Map<string, ReadonlySet<string>>(), inactiveRecurring: new Map<string, Set<string>>(), callIds: new Map<string, ReadonlyMap<string, string>>(), digests: new Map<string, ReadonlyMap<string, string>>() };
  readHistory(firstChild(cib, "status"), history);
  return { ops, defaultTimeoutMs: defaultTimeout(config), ...history, stopOrphanActions: !isFalse(clusterProperty(cib, "stop-orphan-actions")) };
}

/** The id the node's executor knows a primitive by: the base id for anonymous clone instances. */
export function historyId(rsc: Resource): string {
  const clone = cloneOf(rsc);
  return clone && !clone.clone?.globallyUnique ? rsc.baseId : rsc.id;
}

export function cloneOf(rsc: Resource): Resource | undefined {
  for (let p = rsc.parent; p; p = p.parent) if (p.variant === "clone") return p;
  return undefined;
}

/** A primitive's history entry on a node: filed under its history's own name, else its id ("rsc:N"),
 * else (anonymous clone instances) the base id. */
export function historyOn<T>(map: Map<string, T>, node: SchedNode, rsc: Resource): T | undefined {
  const at = (name: string) => map.get(`${node.uname}|${name}`);
  return (rsc.historyName !== undefined ? at(rsc.historyName) : undefined) ?? at(rsc.id) ?? at(historyId(rsc));
}
