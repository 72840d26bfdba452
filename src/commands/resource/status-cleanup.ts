// What `crm_resource --cleanup` / `--refresh` do to the status section, as pure edits: the fail-count-* and
// last-failure-* transient attributes go (attrd's clear-failures), and the resource's lrm_resource history
// goes where it failed (cleanup) or everywhere asked (refresh), so that the DC probes it again.
// The result also says what crm_resource prints: one line per resource and node, and how many replies
// (one per history deletion) the controller owes.
import { childElements, detach, firstChild, type XmlElement } from "../../cib/xml.js";
import { timeoutToSeconds } from "../../cib/operations.js";
import { isShownFailure } from "../../cib/failure-record.js";
import { unpackStatus } from "../../scheduler/status-view.js";
import type { Cluster, Resource } from "../../scheduler/types.js";

export interface CleanupRequest {
  resource?: string;
  node?: string;
  operation?: string;
  interval?: string;
  /** --strict (crm_resource --force): the named resource only, not its group or clone. */
  strict: boolean;
  /** --refresh: the whole history, failed or not. */
  refresh: boolean;
}

export type CleanupResult =
  | { ok: true; lines: string[]; replies: number }
  | { ok: false; problem: "resource-not-found" | "node-not-found" };

const nodeStates = (cib: XmlElement): XmlElement[] => {
  const status = firstChild(cib, "status");
  return status ? childElements(status, "node_state") : [];
};

const lrmResources = (state: XmlElement): XmlElement[] => {
  const lrm = firstChild(state, "lrm");
  const list = lrm && firstChild(lrm, "lrm_resources");
  return list ? childElements(list, "lrm_resource") : [];
};

/** The target rc a history entry was expected to give, from its transition-key (action:graph:rc:uuid). */
function expectedRc(op: XmlElement): number | undefined {
  const parts = (op.attrs["transition-key"] ?? "").split(":");
  return parts.length >= 4 && /^\d+$/.test(parts[2]) ? Number(parts[2]) : undefined;
}

/** A history entry the scheduler counts as a failure (Pacemaker puts these in data_set->failed). */
export function isFailedOp(op: XmlElement): boolean {
  if ((op.attrs.id ?? "").endsWith("_last_failure_0")) return isShownFailure(op);
  const status = op.attrs["op-status"] ?? "0";
  if (status === "-1") return false; // pending
  if (status !== "0") return true;
  const rc = Number(op.attrs["rc-code"] ?? "0");
  const expected = expectedRc(op) ?? (op.attrs.operation === "monitor" && op.attrs.interval === "0" ? 7 : 0);
  // a probe that finds the resource running is news, not a failure
  if (op.attrs.operation === "monitor" && op.attrs.interval === "0" && (rc === 0 || rc === 7 || rc === 8)) return false;
  return rc !== expected;
}

function intervalMs(interval: string | undefined): string {
  if (interval === undefined || interval === "") return "0";
  if (/^\d+ms$/.test(interval)) return String(parseInt(interval, 10));
  const seconds = timeoutToSeconds(interval);
  return String((seconds ?? 0) * 1000);
}

/** The name the fail counts of a resource carry: clone instance numbers stripped unless globally unique. */
const failName = (p: Resource): string => (p.parent?.variant === "clone" && !p.parent.clone?.globallyUnique ? p.baseId : p.id);

function clearFailAttributes(state: XmlElement, rscName: string | undefined, operation: string | undefined, interval: string): void {
  for (const transient of childElements(state, "transient_attributes")) {
    for (const set of childElements(transient, "instance_attributes")) {
      for (const pair of childElements(set, "nvpair")) {
        const m = /^(fail-count|last-failure)-(.+)#(.+)_(\d+)$/.exec(pair.attrs.name ?? "");
        if (!m) continue;
        const name = m[2].replace(/:\d+$/, "");
        if (rscName !== undefined && name !== rscName && m[2] !== rscName) continue;
        if (operation !== undefined && (m[3] !== operation || m[4] !== interval)) continue;
        detach(pair);
      }
    }
  }
}

function hasMatchingFailure(history: XmlElement, operation: string | undefined, interval: string): boolean {
  return childElements(history, "lrm_rsc_op").some(
    (op) => isFailedOp(op) && (operation === undefined || (op.attrs.operation === operation && (op.attrs.interval ?? "0") === interval)),
  );
}

const historyIdsOf = (p: Resource): Set<string> => new Set([p.id, p.baseId]);

function topParent(rsc: Resource): Resource {
  let top = rsc;
  while (top.parent) top = top.parent;
  return top;
}

const primitivesOf = (rsc: Resource): Resource[] => (rsc.variant === "primitive" ? [rsc] : rsc.children.flatMap(primitivesOf));

function findResource(cluster: Cluster, id: string): Resource | undefined {
  let found: Resource | undefined;
  const visit = (r: Resource) => {
    if (!found && (r.id === id || (r.variant !== "clone" && r.baseId === id && r.instance === undefined))) found = r;
    r.children.forEach(visit);
  };
  cluster.resources.forEach(visit);
  if (found) return found;
  // an anonymous clone's primitive named without an instance number: its first instance
  return cluster.primitives.find((p) => p.baseId === id && !p.orphan) ?? cluster.primitives.find((p) => p.baseId === id);
}

const isAnonymousInstance = (p: Resource): boolean => p.instance !== undefined && !!closestClone(p) && !closestClone(p)!.clone?.globallyUnique;

function closestClone(p: Resource): Resource | undefined {
  for (let r = p.parent; r; r = r.parent) if (r.variant === "clone") return r;
  return undefined;
}

/** Nodes holding history of a primitive (for anonymous clone instances: all instances share one id). */
function historyNodes(cib: XmlElement, ids: Set<string>): string[] {
  return nodeStates(cib)
    .filter((s) => lrmResources(s).some((h) => ids.has(h.attrs.id ?? "")))
    .map((s) => s.attrs.uname ?? "");
}

/**
 * Anonymous clone instances share one history id per node; as Pacemaker's unpacking does, each node's
 * history belongs to one instance: the one active there, else the next instance not yet placed.
 */
function anonymousKnownOn(cib: XmlElement, cluster: Cluster): Map<Resource, string[]> {
  const byBase = new Map<string, Resource[]>();
  for (const p of cluster.primitives) {
    if (p.orphan || p.instance === undefined || !isAnonymousInstance(p)) continue;
    byBase.set(`${closestClone(p)!.id}|${p.baseId}`, [...(byBase.get(`${closestClone(p)!.id}|${p.baseId}`) ?? []), p]);
  }
  const known = new Map<Resource, string[]>();
  for (const instances of byBase.values()) {
    const taken = new Set<Resource>();
    for (const node of historyNodes(cib, new Set([instances[0].baseId]))) {
      const inst = instances.find((i) => i.running.some((n) => n.uname === node)) ?? instances.find((i) => !taken.has(i) && !i.running.length) ?? instances[0];
      taken.add(inst);
      known.set(inst, [...(known.get(inst) ?? []), node]);
    }
  }
  return known;
}

/**
 * The nodes crm_resource visits for a primitive: where its history is (known_on), else every node
 * (--strict), else the nodes it may run on; only online ones.
 */
function nodesFor(cib: XmlElement, cluster: Cluster, p: Resource, strict: boolean, anonymous: Map<Resource, string[]>): string[] {
  const known = isAnonymousInstance(p) ? (anonymous.get(p) ?? []) : historyNodes(cib, historyIdsOf(p));
  const online = new Set(cluster.nodes.filter((n) => n.online).map((n) => n.uname));
  const candidates = known.length ? known : strict ? cluster.nodes.map((n) => n.uname) : cluster.nodes.filter((n) => !p.banned.has(n.uname)).map((n) => n.uname);
  return candidates.filter((n) => online.has(n));
}

/** Applies the cleanup or refresh to `cib` (its status section) and tells what crm_resource would print. */
export function cleanupStatus(cib: XmlElement, request: CleanupRequest, now = Date.now()): CleanupResult {
  const cluster = unpackStatus(cib, now);
  if (request.node !== undefined && !cluster.nodes.some((n) => n.uname === request.node)) return { ok: false, problem: "node-not-found" };
  const states = new Map(nodeStates(cib).map((s) => [s.attrs.uname ?? "", s]));
  const interval = intervalMs(request.interval);
  const operation = request.refresh ? undefined : request.operation;
  if (request.resource === undefined) return cleanupAll(cib, request, operation, interval);
  const named = findResource(cluster, request.resource);
  if (!named) return { ok: false, problem: "resource-not-found" };
  const target = request.strict ? named : topParent(named);
  const lines: string[] = [];
  let replies = 0;
  const anonymous = anonymousKnownOn(cib, cluster);
  for (const p of primitivesOf(target).filter((q) => !q.orphan)) {
    const nodes = request.node !== undefined ? [request.node] : nodesFor(cib, cluster, p, request.strict, anonymous);
    for (const node of nodes) {
      const state = states.get(node);
      if (state) clearFailAttributes(state, failName(p), operation, interval);
      const ids = historyIdsOf(p);
      const histories = state ? lrmResources(state).filter((h) => ids.has(h.attrs.id ?? "")) : [];
      if (request.refresh) {
        histories.forEach(detach);
        replies++;
      } else {
        const failed = histories.filter((h) => hasMatchingFailure(h, operation, interval));
        failed.forEach(detach);
        replies += failed.length;
      }
      lines.push(`Cleaned up ${p.id} on ${node}`);
    }
  }
  lines.push(...resourceChecks(target));
  return { ok: true, lines, replies };
}

function cleanupAll(cib: XmlElement, request: CleanupRequest, operation: string | undefined, interval: string): CleanupResult {
  let replies = 0;
  const states = nodeStates(cib).filter((s) => request.node === undefined || s.attrs.uname === request.node);
  for (const state of states) {
    clearFailAttributes(state, undefined, operation, interval);
    if (request.refresh) {
      // the controller's reprobe: every resource's history on the node(s)
      lrmResources(state).forEach(detach);
      continue;
    }
    const failed = lrmResources(state).filter((h) => hasMatchingFailure(h, operation, interval));
    failed.forEach(detach);
    replies += failed.length;
  }
  if (request.refresh) return { ok: true, lines: [], replies: 1 };
  return { ok: true, lines: [`Cleaned up all resources on ${request.node ?? "all nodes"}`], replies };
}

/** crm_resource's "resource checks": why the resource may stay stopped after the cleanup. */
function resourceChecks(rsc: Resource): string[] {
  const top = topParent(rsc);
  const lines: string[] = [];
  const role = (rsc.meta.get("target-role") ?? "").toLowerCase();
  if (role === "stopped") lines.push(`Configuration specifies '${top.id}' should remain stopped`);
  if ((role === "unpromoted" || role === "slave") && top.clone?.promotable) lines.push(`Configuration specifies '${top.id}' should not be promoted`);
  const managed = rsc.meta.get("is-managed");
  if (managed !== undefined && !["true", "on", "yes", "y", "1"].includes(managed.toLowerCase())) {
    lines.push(`Configuration prevents cluster from stopping or starting unmanaged '${top.id}'`);
  }
  return lines;
}

/** "Waiting for N replies from the controller" and the replies, as crm_resource prints them. */
export function replyLines(replies: number): string[] {
  if (replies <= 0) return [];
  const lines = [`Waiting for ${replies} ${replies === 1 ? "reply" : "replies"} from the controller`];
  for (let i = 1; i < replies; i++) lines.push("... got reply");
  lines.push("... got reply (done)");
  return lines;
}

/** Primitive instances times nodes: what pcs weighs before refreshing everything everywhere. */
export function refreshOperationCount(cib: XmlElement, now = Date.now()): number {
  const cluster = unpackStatus(cib, now);
  return cluster.nodes.length * cluster.primitives.filter((p) => !p.orphan).length;
}
