// Utilization placement (placement-strategy utilization, minimal, balanced): a node hosts a resource
// only while its remaining capacity covers what the resource (and whatever must run with it and is
// not placed yet) uses; balanced placement also prefers the node with the most capacity left. As
// Pacemaker 2.1's pcmk_sched_utilization.c does it.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { canHost, primitivesOf, unitOf, type AssignState } from "./placement.js";
import { INFINITY, type Cluster, type Resource, type SchedNode } from "./types.js";

type Amounts = Map<string, number>;

function amounts(e: XmlElement | undefined, into: Amounts = new Map()): Amounts {
  for (const set of e ? childElements(e, "utilization") : []) {
    for (const nv of childElements(set, "nvpair")) {
      const v = Number.parseInt(nv.attrs.value ?? "", 10);
      if (nv.attrs.name && !into.has(nv.attrs.name)) into.set(nv.attrs.name, Number.isFinite(v) ? v : 0);
    }
  }
  return into;
}

/** Node capacities and primitive utilizations (a template's, under the primitive's own). */
export function unpackUtilization(cib: XmlElement, cluster: Cluster): void {
  if (cluster.options.placementStrategy === "default") return;
  const config = firstChild(cib, "configuration");
  const nodesEl = config && firstChild(config, "nodes");
  for (const n of nodesEl ? childElements(nodesEl, "node") : []) {
    const node = cluster.nodeByName.get(n.attrs.uname ?? n.attrs.id);
    if (node) node.capacity = amounts(n);
  }
  const resources = config && firstChild(config, "resources");
  const templates = new Map<string, XmlElement>();
  for (const t of resources ? childElements(resources, "template") : []) templates.set(t.attrs.id, t);
  const byBase = new Map<string, Resource[]>();
  for (const p of cluster.primitives) byBase.set(p.baseId, [...(byBase.get(p.baseId) ?? []), p]);
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === "primitive") {
        const used = amounts(c);
        if (c.attrs.template) amounts(templates.get(c.attrs.template), used);
        if (used.size) for (const p of byBase.get(c.attrs.id) ?? []) p.utilization = used;
      } else if (c.name === "group" || c.name === "clone" || c.name === "master") visit(c);
    }
  };
  if (resources) visit(resources);
}

const used = (rscs: Resource[]): Amounts => {
  const sum: Amounts = new Map();
  for (const r of rscs) for (const [k, v] of r.utilization ?? []) sum.set(k, (sum.get(k) ?? 0) + v);
  return sum;
};

function fits(node: SchedNode, need: Amounts): boolean {
  for (const [k, v] of need) if ((node.capacity?.get(k) ?? 0) < v) return false;
  return true;
}

/** The unplaced resources that must run with `unit` (mandatory colocations, both ways), itself included. */
function colocatedUnplaced(unit: Resource, state: AssignState): Resource[] {
  const seen = new Set<Resource>([unit]);
  const stack = [unit];
  while (stack.length) {
    const r = stack.pop() as Resource;
    const links = [...(state.index.asDependent.get(r) ?? []).map((c) => unitOf(c.withRsc)), ...(state.index.asPrimary.get(r) ?? []).map((c) => unitOf(c.rsc))];
    const mandatory = [...(state.index.asDependent.get(r) ?? []), ...(state.index.asPrimary.get(r) ?? [])].map((c) => c.score >= INFINITY);
    links.forEach((other, i) => {
      if (!mandatory[i] || seen.has(other) || other.variant === "clone" || state.done.has(other)) return;
      seen.add(other);
      stack.push(other);
    });
  }
  return [...seen].flatMap(primitivesOf);
}

/** Bans (in `scores`) the nodes without capacity for the unit and what must run with it; when no node
 * has room for all of that, for the unit alone. */
export function banInsufficientCapacity(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState): void {
  if (cluster.options.placementStrategy === "default") return;
  const own = primitivesOf(unit);
  const together = used(colocatedUnplaced(unit, state));
  const candidates = cluster.nodes.filter((n) => canHost(n) && (scores.get(n.uname) ?? -INFINITY) > -INFINITY);
  const need = candidates.some((n) => fits(n, together)) ? together : used(own);
  for (const n of candidates) if (!fits(n, need)) scores.set(n.uname, -INFINITY);
}

/** What placed primitives use is no longer available on their node. */
export function consumeCapacity(rscs: Resource[], cluster: Cluster): void {
  if (cluster.options.placementStrategy === "default") return;
  for (const r of rscs) {
    const node = r.assignedTo;
    if (!node || !r.utilization) continue;
    node.capacity ??= new Map();
    for (const [k, v] of r.utilization) node.capacity.set(k, (node.capacity.get(k) ?? 0) - v);
  }
}
