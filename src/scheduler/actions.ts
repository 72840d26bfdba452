// Phase 3, actions: compare each primitive's current and next placement and role, then let
// mandatory orderings (explicit ones and the implicit ones inside groups) turn required starts into
// restarts of what depends on them, and unrunnable starts into blocked ones.
import { isDisabled, isManaged, primitivesOf } from "./assign.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

export interface PrimitivePlan {
  rsc: Resource;
  from?: SchedNode;
  to?: SchedNode;
  stop: boolean;
  start: boolean;
  /** The start is wanted but cannot run (an ordering's first cannot start). */
  startBlocked: boolean;
  restartReason?: string;
  stopReason?: string;
}

export function planActions(cluster: Cluster): Map<Resource, PrimitivePlan> {
  const plans = new Map<Resource, PrimitivePlan>();
  for (const rsc of cluster.primitives) {
    const from = rsc.running[0];
    const to = rsc.assignedTo;
    const managed = isManaged(rsc, cluster);
    const plan: PrimitivePlan = { rsc, from, to, stop: false, start: false, startBlocked: false };
    if (managed) {
      const failedHere = rsc.failed && from !== undefined;
      plan.stop = !!from && (to !== from || failedHere || rsc.running.length > 1);
      plan.start = !!to && (to !== from || failedHere);
      if (rsc.blocked) {
        plan.stop = false;
        plan.start = false;
      }
    }
    plans.set(rsc, plan);
  }
  applyOrderings(cluster, plans);
  return plans;
}

interface Edge {
  first: Resource[];
  then: Resource[];
  firstName: (r: Resource) => string;
}

function edges(cluster: Cluster): Edge[] {
  const out: Edge[] = [];
  const groupEdges = (g: Resource) => {
    if (g.variant === "group") for (let i = 1; i < g.children.length; i++) out.push({ first: [g.children[i - 1]], then: [g.children[i]], firstName: (r) => r.id });
    for (const c of g.children) if (c.variant !== "primitive") groupEdges(c);
  };
  cluster.resources.forEach(groupEdges);
  for (const o of cluster.orderings) {
    if (o.kind !== "Mandatory" || o.firstAction !== "start" || o.thenAction !== "start") continue;
    if (o.then.variant === "clone" || o.first.variant === "clone") continue;
    const firstPrims = primitivesOf(o.first);
    const thenPrims = o.then.variant === "group" ? primitivesOf(o.then).slice(0, 1) : primitivesOf(o.then);
    const last = o.first.variant === "group" ? firstPrims.slice(-1) : firstPrims;
    out.push({ first: last, then: thenPrims, firstName: () => o.first.id });
  }
  return out;
}

function applyOrderings(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): void {
  const list = edges(cluster);
  let changed = true;
  let rounds = 0;
  while (changed && rounds++ < 50) {
    changed = false;
    for (const e of list) {
      for (const f of e.first) {
        const fp = plans.get(f);
        if (!fp) continue;
        const firstStarts = fp.start && !fp.startBlocked;
        const firstCannotStart = !fp.to || fp.startBlocked;
        for (const t of e.then) {
          const tp = plans.get(t);
          if (!tp || !isManaged(t, cluster)) continue;
          if (firstStarts && tp.from && tp.to === tp.from && !tp.start) {
            tp.stop = true;
            tp.start = true;
            tp.restartReason = `${e.firstName(f)} start`;
            changed = true;
          } else if (firstCannotStart && tp.start && !tp.startBlocked) {
            tp.startBlocked = true;
            tp.stopReason = `unrunnable ${e.firstName(f)} start`;
            changed = true;
          }
          if (fp.stop && !firstStarts && tp.from && !tp.stop && !isDisabled(t)) {
            tp.stop = true;
            tp.start = !!tp.to;
            tp.startBlocked = true;
            tp.stopReason = `unrunnable ${e.firstName(f)} start`;
            changed = true;
          }
        }
      }
    }
  }
}
