// What reading the history needs besides evaluating operations: finding a clone's instance primitives,
// fail counts against migration-threshold, whether a resource is managed where it runs, shutdown locks.
import type { XmlElement } from "../cib/xml.js";
import { parseScore } from "./score.js";
import { INFINITY, type Cluster, type Resource, type SchedNode } from "./types.js";

export function findByBase(rsc: Resource, base: string): Resource | undefined {
  if (rsc.variant === "primitive") return rsc.baseId === base ? rsc : undefined;
  for (const c of rsc.children) {
    const f = findByBase(c, base);
    if (f) return f;
  }
  return undefined;
}

/** pe_rsc_needs_fencing (unpack_requires): recovering the resource waits for its node's fencing. Fencing
 * devices and what holds a remote or guest node need quorum only, as does everything without fencing. */
export function needsFencing(rsc: Resource, cluster: Cluster): boolean {
  const quorumOnly = rsc.isStonith || !!rsc.remoteNode || rsc.agent === "ocf:pacemaker:remote" || rsc.meta.has("remote-node") || !cluster.options.stonithEnabled;
  const requires = rsc.meta.get("requires") ?? (quorumOnly ? "quorum" : "fencing");
  return requires === "fencing" || (requires === "unfencing" && !rsc.isStonith && cluster.options.stonithEnabled);
}

export function isActive(rsc: Resource): boolean {
  if (rsc.variant === "primitive") return rsc.running.length > 0;
  return rsc.children.some(isActive);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A resource's fail count on a node is the sum of the node attributes named fail-count-NAME#OP_INTERVAL
 * (fail-count-NAME alone when the CIB's feature set predates per-operation counts), NAME being the
 * instance id for unique resources and the clone-stripped id (any instance number) for anonymous ones.
 */
export function failCountOn(rsc: Resource, node: SchedNode, unique: boolean, cluster: Cluster): { count: number; last: number } {
  // most nodes hold no failure at all: no expressions built for every resource on every node then
  let failures = false;
  for (const attr of node.attrs.keys()) {
    if (attr.startsWith("fail-count-") || attr.startsWith("last-failure-")) {
      failures = true;
      break;
    }
  }
  if (!failures) return { count: 0, last: 0 };
  const name = escapeRe(unique ? rsc.id : rsc.baseId);
  const inst = unique ? "" : "(:[0-9]+)?";
  const op = cluster.options.legacyFailCounts ? "" : "#.+_[0-9]+";
  const countRe = new RegExp(`^fail-count-${name}${inst}${op}$`);
  const lastRe = new RegExp(`^last-failure-${name}${inst}${op}$`);
  let count = 0;
  let last = 0;
  for (const [attr, value] of node.attrs) {
    if (countRe.test(attr)) count = Math.max(-INFINITY, Math.min(INFINITY, count + parseScore(value, 0)));
    else if (lastRe.test(attr)) last = Math.max(last, Number(value) || 0);
  }
  return { count, last };
}

export function applyFailCounts(ns: XmlElement, node: SchedNode, cluster: Cluster, cloneOf: Map<string, Resource>): void {
  void ns;
  for (const rsc of cluster.primitives) {
    const clone = cloneOf.get(rsc.baseId);
    const unique = !clone || !!clone.clone?.globallyUnique;
    const { count, last } = failCountOn(rsc, node, unique, cluster);
    if (count <= 0) continue;
    // all failures expired (strictly past last + failure-timeout)
    if (rsc.failureTimeout > 0 && last > 0 && cluster.now / 1000 > last + rsc.failureTimeout) continue;
    if (rsc.migrationThreshold > 0 && count >= rsc.migrationThreshold) rsc.banned.add(node.uname);
  }
}

export function isManagedHere(rsc: Resource, cluster: Cluster): boolean {
  if (cluster.options.maintenanceMode) return false;
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (!r.managed) return false;
  return true;
}

/** A resource stopped by a node's clean shutdown stays locked to that node until the lock expires. */
export function unpackShutdownLock(rsc: Resource, lr: XmlElement, node: SchedNode, cluster: Cluster): void {
  if (!cluster.options.shutdownLock) return;
  const lockTime = Number(lr.attrs["shutdown-lock"] ?? "0");
  if (!Number.isFinite(lockTime) || lockTime <= 0) return;
  const limit = cluster.options.shutdownLockLimit;
  if (limit > 0 && cluster.now / 1000 > lockTime + limit) return;
  rsc.lockNode = node;
}
