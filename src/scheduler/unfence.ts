// Unfencing ("Fence (on)"): when a fencing device provides unfencing (or a resource requires it), a node
// must be unfenced before it probes or starts a fencing device or a resource that needs unfencing. A node
// that has never been unfenced (no non-zero #node-unfenced attribute) is unfenced for the first such probe
// (or, failing that, start); a node where an unfencing device changed is unfenced again, and what needs
// unfencing there restarts after it ("due to required stonith").
import { findFirst, type XmlElement } from "../cib/xml.js";
import type { PrimitivePlan } from "./actions.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

export interface FenceOp {
  node: string;
  action: string;
  reason: string;
}

/** Pacemaker turns unfencing on when any nvpair of the configuration says provides=unfencing or
 * requires=unfencing. */
export function unfencingEnabled(cib: XmlElement, cluster: Cluster): boolean {
  if (!cluster.options.stonithEnabled) return false;
  const config = findFirst(cib, (e) => e.name === "configuration");
  if (!config) return false;
  const found = findFirst(config, (e) => e.name === "nvpair" && e.attrs.value === "unfencing" && (e.attrs.name === "provides" || e.attrs.name === "requires"));
  return !!found;
}

/** A resource needs unfencing unless it is a fencing device or says it requires less. */
function needsUnfencing(rsc: Resource): boolean {
  if (rsc.isStonith || rsc.orphan) return false;
  const requires = rsc.meta.get("requires");
  return requires === undefined || requires === "unfencing";
}

const related = (rsc: Resource): boolean => !rsc.orphan && (rsc.isStonith || needsUnfencing(rsc));

const unfenced = (node: SchedNode): boolean => {
  const v = node.attrs.get("#node-unfenced");
  return v !== undefined && v !== "0";
};

const usable = (node: SchedNode): boolean => node.online && !node.unclean && !node.shutdown && !node.pending;

/** Whether the resource would be probed on the node: nothing recorded there yet (for anonymous clone
 * instances, by any instance) and discovery not switched off there. */
function probedOn(rsc: Resource, node: SchedNode, cluster: Cluster): boolean {
  if (rsc.knownOn.has(node.uname)) return false;
  const clone = rsc.parent?.variant === "clone" ? rsc.parent : rsc.parent?.parent?.variant === "clone" ? rsc.parent.parent : undefined;
  if (clone && clone.children.some((inst) => inst.knownOn.has(node.uname) || inst.children.some((m) => m.baseId === rsc.baseId && m.knownOn.has(node.uname)))) return false;
  for (const loc of cluster.locations) {
    if (loc.rsc !== rsc && loc.rsc !== rsc.parent && loc.rsc !== clone) continue;
    if ((loc.discovery === "never" || loc.discovery === "exclusive") && loc.node === node.uname) return false;
  }
  return true;
}

/** Which nodes are unfenced and why; restarts what needs unfencing on nodes unfenced again. */
export function planUnfencing(cib: XmlElement, cluster: Cluster, plans: Map<Resource, PrimitivePlan>): FenceOp[] {
  if (!unfencingEnabled(cib, cluster)) return [];
  const action = "on";
  const relevant = cluster.primitives.filter(related);
  const reasons = new Map<SchedNode, string>();
  // Probes come first, node by node, in configuration order; anonymous clones probe one instance.
  for (const node of cluster.nodes) {
    if (!usable(node) || unfenced(node)) continue;
    const seen = new Set<string>();
    for (const rsc of relevant) {
      const clone = rsc.parent?.variant === "clone" ? rsc.parent : undefined;
      const key = clone && !clone.clone?.globallyUnique ? `${clone.id}/${rsc.baseId}` : rsc.id;
      if (seen.has(key)) continue;
      seen.add(key);
      if (probedOn(rsc, node, cluster)) {
        reasons.set(node, `required by ${rsc.id} monitor`);
        break;
      }
    }
  }
  // Then starts (every resource that will be active on a node schedules one).
  const startReasons = new Map<SchedNode, string>();
  for (const rsc of relevant) {
    const to = rsc.assignedTo;
    if (!to || !usable(to) || unfenced(to) || reasons.has(to) || startReasons.has(to)) continue;
    startReasons.set(to, `required by ${rsc.id} start`);
  }
  // A changed unfencing device unfences the node where it runs again.
  const changed = new Map<SchedNode, string>();
  for (const rsc of cluster.primitives) {
    if (!rsc.isStonith) continue;
    const node = rsc.running[0];
    if (!node || !usable(node) || reasons.has(node) || startReasons.has(node) || changed.has(node)) continue;
    if (rsc.agentChanged) changed.set(node, "Device definition changed");
    else if (rsc.definitionChanged) changed.set(node, "Device parameters changed");
  }
  const ops: FenceOp[] = [];
  for (const [node, reason] of [...reasons, ...startReasons, ...changed]) ops.push({ node: node.uname, action, reason });
  const required = new Set<SchedNode>([...reasons.keys(), ...startReasons.keys(), ...changed.keys()]);
  for (const rsc of relevant) {
    if (!needsUnfencing(rsc)) continue;
    const plan = plans.get(rsc);
    if (!plan || !plan.from || plan.to !== plan.from || plan.start || plan.startBlocked || !required.has(plan.from)) continue;
    plan.stop = true;
    plan.start = true;
    plan.restartReason = "stonith";
  }
  return ops;
}
