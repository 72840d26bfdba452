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

export function isActive(rsc: Resource): boolean {
  if (rsc.variant === "primitive") return rsc.running.length > 0;
  return rsc.children.some(isActive);
}

export function applyFailCounts(ns: XmlElement, node: SchedNode, cluster: Cluster, cloneOf: Map<string, Resource>): void {
  const totals = new Map<string, { count: number; last: number }>();
  for (const [name, value] of node.attrs) {
    const m = /^fail-count-(.+?)(#.*)?$/.exec(name);
    if (!m) continue;
    const id = m[1];
    const t = totals.get(id) ?? { count: 0, last: 0 };
    t.count = Math.min(INFINITY, t.count + parseScore(value, 0));
    const lastName = `last-failure-${id}${m[2] ?? ""}`;
    t.last = Math.max(t.last, Number(node.attrs.get(lastName) ?? "0"));
    totals.set(id, t);
  }
  void ns;
  for (const [id, { count, last }] of totals) {
    if (count <= 0) continue;
    const base = id.replace(/:\d+$/, "");
    const clone = cloneOf.get(base);
    const targets: Resource[] = [];
    if (clone && !clone.clone?.globallyUnique) {
      for (const inst of clone.children) {
        const p = findByBase(inst, base);
        if (p) targets.push(p);
      }
    } else {
      const r = cluster.byId.get(id);
      if (r && r.variant === "primitive") targets.push(r);
    }
    for (const rsc of targets) {
      if (rsc.failureTimeout > 0 && last > 0 && last + rsc.failureTimeout <= cluster.now / 1000) continue;
      if (rsc.migrationThreshold > 0 && count >= rsc.migrationThreshold) rsc.banned.add(node.uname);
    }
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
