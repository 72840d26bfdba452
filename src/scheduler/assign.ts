// Phase 2, assignment: node scores per placement unit (primitive, group, clone) from location
// constraints, stickiness, failures and colocations; each unit takes its best node in priority order,
// primaries before their dependents. Clone instances and promotion are handled in ./clone.ts.
import { isTrue } from "../cib/resources.js";
import { addScores, parseScore } from "./score.js";
import { assignClone, promote } from "./clone.js";
import { INFINITY, type Cluster, type Colocation, type Resource, type SchedNode } from "./types.js";

export const canHost = (n: SchedNode): boolean => n.online && !n.standby && !n.unclean && !n.pending && !n.shutdown && !n.maintenance && !n.unhealthy;

export function unitOf(rsc: Resource): Resource {
  let r = rsc;
  while (r.parent) r = r.parent;
  return r;
}

export function primitivesOf(rsc: Resource): Resource[] {
  if (rsc.variant === "primitive") return [rsc];
  return rsc.children.flatMap(primitivesOf);
}

/** target-role=Stopped: a primitive's own meta attributes (its parents' inherited unless it sets its own)
 * decide; a group or clone is disabled when all its primitives are. */
export function isDisabled(rsc: Resource): boolean {
  if (rsc.variant === "primitive") return rsc.targetRole === "Stopped";
  const prims = primitivesOf(rsc);
  return prims.length ? prims.every(isDisabled) : rsc.targetRole === "Stopped";
}

export function isManaged(rsc: Resource, cluster: Cluster): boolean {
  if (cluster.options.maintenanceMode) return false;
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (!r.managed) return false;
  return true;
}

export interface Index {
  locations: Map<Resource, Cluster["locations"]>;
  /** Colocations by dependent unit and by primary unit. */
  asDependent: Map<Resource, Colocation[]>;
  asPrimary: Map<Resource, Colocation[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(cluster: Cluster): Index {
  const index: Index = { locations: new Map(), asDependent: new Map(), asPrimary: new Map() };
  for (const loc of cluster.locations) push(index.locations, loc.rsc, loc);
  for (const c of cluster.colocations) {
    const d = unitOf(c.rsc);
    const p = unitOf(c.withRsc);
    if (d === p) continue;
    push(index.asDependent, d, c);
    push(index.asPrimary, p, c);
  }
  return index;
}

/** Location-constraint score of one resource (not its children) on a node, ignoring role-specific ones. */
function locationScore(rsc: Resource, node: SchedNode, index: Index, promotedOnly = false): number | undefined {
  let total: number | undefined;
  for (const loc of index.locations.get(rsc) ?? []) {
    const forPromoted = loc.role === "Promoted";
    if (forPromoted !== promotedOnly) continue;
    if (loc.role === "Unpromoted" || loc.role === "Started" || loc.role === "Stopped") {
      // Treated like a plain placement preference.
    }
    let s: number | undefined;
    if (loc.rules) {
      for (const rule of loc.rules) {
        if (!rule.matches(node)) continue;
        const v = rule.scoreAttribute ? parseScore(node.attrs.get(rule.scoreAttribute), 0) : rule.score;
        s = s === undefined ? v : addScores(s, v);
      }
    } else if (loc.node === node.uname) s = loc.score;
    if (s !== undefined) total = total === undefined ? s : addScores(total, s);
  }
  return total;
}

export { locationScore };

function memberScore(m: Resource, node: SchedNode, cluster: Cluster, index: Index): number | undefined {
  if (m.banned.has(node.uname)) return -INFINITY;
  let s = locationScore(m, node, index);
  if (m.running.includes(node) && isManaged(m, cluster) && m.stickiness) s = addScores(s ?? 0, m.stickiness);
  return s;
}

const hasUsable = (scores: Map<string, number>, cluster: Cluster): boolean => cluster.nodes.some((n) => canHost(n) && (scores.get(n.uname) ?? 0) >= 0);

/** Scores of a unit's own placement preferences (constraints of it and its members, stickiness, bans).
 * Group members are merged from the last one back, each merge dropped when it would leave no usable node. */
export function baseScores(unit: Resource, cluster: Cluster, index: Index): Map<string, number> {
  const scores = new Map<string, number>();
  const members = unit.variant === "clone" ? [] : primitivesOf(unit);
  const defined = new Set<string>();
  const own = new Map<string, number>();
  for (const node of cluster.nodes) {
    const l = locationScore(unit, node, index);
    if (l !== undefined) {
      defined.add(node.uname);
      own.set(node.uname, l);
    }
  }
  let acc: Map<string, number> | undefined;
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i];
    const ms = new Map<string, number>();
    for (const node of cluster.nodes) {
      const v = unit.variant === "group" ? memberScore(m, node, cluster, index) : m.banned.has(node.uname) ? -INFINITY : m.running.includes(node) && isManaged(m, cluster) ? m.stickiness : undefined;
      if (v !== undefined) {
        if (unit.variant === "group" && locationScore(m, node, index) !== undefined) defined.add(node.uname);
        ms.set(node.uname, v);
      }
    }
    if (acc) {
      const merged = new Map(ms);
      for (const [k, v] of acc) merged.set(k, addScores(merged.get(k) ?? 0, v));
      acc = hasUsable(merged, cluster) || !hasUsable(ms, cluster) ? merged : ms;
    } else acc = ms;
  }
  for (const node of cluster.nodes) {
    if (!cluster.options.symmetric && !defined.has(node.uname)) {
      scores.set(node.uname, -INFINITY);
      continue;
    }
    let s = addScores(own.get(node.uname) ?? 0, acc?.get(node.uname) ?? 0);
    if (node.healthScore && !isTrue(unit.meta.get("allow-unhealthy-nodes") ?? "")) s = addScores(s, node.healthScore);
    if (!canHost(node)) s = -INFINITY;
    scores.set(node.uname, s);
  }
  return scores;
}

/** The node a resource is assigned to, as Pacemaker's assign_best_node chooses it: the preferred node when
 * it scores at least as well as the best one; otherwise the best one, or the current node among equally
 * scored ones when that score is positive (not for unique clone instances). */
export function chooseNode(
  scores: Map<string, number>,
  cluster: Cluster,
  opts: { current?: SchedNode; prefer?: SchedNode; unique?: boolean; allowed?: (n: SchedNode) => boolean } = {},
): SchedNode | undefined {
  const { current, prefer, unique, allowed } = opts;
  const score = (n: SchedNode): number => (canHost(n) && (!allowed || allowed(n)) ? (scores.get(n.uname) ?? -INFINITY) : -INFINITY);
  let best: SchedNode | undefined;
  for (const node of cluster.nodes) {
    if (score(node) < 0) continue;
    if (!best || compareNodesBy(node, best, score, current) < 0) best = node;
  }
  if (!best) return undefined;
  const top = score(best);
  if (prefer && score(prefer) >= top && score(prefer) >= 0) return prefer;
  if (!unique && top > 0 && current && current !== best && score(current) === top) return current;
  return best;
}

/** Pacemaker's node order for assignment: score, then fewer resources already assigned, then the
 * resource's current node, then node name (plain byte order). */
function compareNodesBy(a: SchedNode, b: SchedNode, score: (n: SchedNode) => number, current?: SchedNode): number {
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sb - sa;
  if (a.assigned !== b.assigned) return a.assigned - b.assigned;
  if (current && a !== b) {
    if (a === current) return -1;
    if (b === current) return 1;
  }
  return a.uname < b.uname ? -1 : a.uname > b.uname ? 1 : 0;
}

function bestNode(scores: Map<string, number>, cluster: Cluster, prefer?: SchedNode): SchedNode | undefined {
  return chooseNode(scores, cluster, { current: prefer });
}

export interface AssignState {
  index: Index;
  done: Set<Resource>;
  active: Set<Resource>;
  /** Nodes where each unit ended up (several for clones), and where its promoted instances are. */
  placed: Map<Resource, SchedNode[]>;
  promotedOn: Map<Resource, SchedNode[]>;
}

function applyColocations(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState): void {
  for (const c of state.index.asDependent.get(unit) ?? []) {
    const primary = unitOf(c.withRsc);
    if (!state.done.has(primary)) continue;
    if (c.rscRole === "Promoted" || c.rscRole === "Unpromoted") continue; // affects promotion only
    let where = state.placed.get(primary) ?? [];
    if (c.withRole === "Promoted") where = state.promotedOn.get(primary) ?? [];
    else if (c.withRole === "Unpromoted" && primary.clone?.promotable) {
      const promoted = state.promotedOn.get(primary) ?? [];
      where = where.filter((n) => !promoted.includes(n));
    }
    if (c.withRsc !== primary && primary.variant === "group") {
      where = c.withRsc.assignedTo ? [c.withRsc.assignedTo] : [];
    }
    const attr = c.nodeAttribute ?? "#uname";
    const values = new Set<string | undefined>(where.map((n) => n.attrs.get(attr)).filter((v) => v !== undefined));
    for (const node of cluster.nodes) {
      const s = scores.get(node.uname) ?? -INFINITY;
      const together = values.has(node.attrs.get(attr));
      if (c.score >= INFINITY) {
        if (!together) scores.set(node.uname, -INFINITY);
      } else if (c.score <= -INFINITY) {
        if (together) scores.set(node.uname, -INFINITY);
      } else if (together) scores.set(node.uname, addScores(s, c.score));
    }
  }
}

/** A dependent's preferences, including its own dependents', as its primary sees them. */
function dependentScores(dep: Resource, cluster: Cluster, state: AssignState, seen: Set<Resource>): Map<string, number> {
  const scores = baseScores(dep, cluster, state.index);
  if (!seen.has(dep)) {
    seen.add(dep);
    mergeInto(dep, scores, cluster, state, seen);
  }
  return scores;
}

function mergeInto(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState, seen: Set<Resource>): void {
  const deps = (state.index.asPrimary.get(unit) ?? []).filter((c) => !state.done.has(unitOf(c.rsc)) && !c.withRole && !c.rscRole);
  for (const c of deps) {
    const dep = unitOf(c.rsc);
    if (dep.variant === "clone" || seen.has(dep)) continue;
    const ds = dependentScores(dep, cluster, state, seen);
    const factor = c.score / INFINITY;
    const merged = new Map(scores);
    // With node-attribute, a node takes the dependent's best score among usable nodes sharing its value.
    const attr = c.nodeAttribute && c.nodeAttribute !== "#uname" ? c.nodeAttribute : undefined;
    const bestSharing = (node: SchedNode): number => {
      const value = node.attrs.get(attr ?? "");
      let best = -INFINITY;
      if (value === undefined) return best;
      for (const m of cluster.nodes) if (canHost(m) && m.attrs.get(attr ?? "") === value) best = Math.max(best, ds.get(m.uname) ?? 0);
      return best;
    };
    for (const node of cluster.nodes) {
      const d = attr ? bestSharing(node) : (ds.get(node.uname) ?? 0);
      if (d === 0) continue;
      const s = merged.get(node.uname) ?? -INFINITY;
      if (s <= -INFINITY) continue;
      let add: number;
      if (d <= -INFINITY || d >= INFINITY) add = factor >= 1 ? d : factor <= -1 ? -d : Math.trunc(d * factor);
      else add = Math.trunc(d * factor);
      merged.set(node.uname, addScores(s, add));
    }
    if (hasUsable(merged, cluster) || !hasUsable(scores, cluster)) for (const [k, v] of merged) scores.set(k, v);
  }
}

function mergeDependents(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState): void {
  mergeInto(unit, scores, cluster, state, new Set([unit]));
}

function assignUnit(unit: Resource, cluster: Cluster, state: AssignState): void {
  if (state.done.has(unit) || state.active.has(unit)) return;
  state.active.add(unit);
  for (const c of state.index.asDependent.get(unit) ?? []) assignUnit(unitOf(c.withRsc), cluster, state);
  state.active.delete(unit);
  if (state.done.has(unit)) return;
  state.done.add(unit);
  if (unit.variant === "clone") {
    const scores = baseScores(unit, cluster, state.index);
    applyColocations(unit, scores, cluster, state);
    assignClone(unit, scores, cluster, state);
    if (unit.clone?.promotable) promote(unit, cluster, state);
    return;
  }
  const scores = baseScores(unit, cluster, state.index);
  mergeDependents(unit, scores, cluster, state);
  applyColocations(unit, scores, cluster, state);
  const members = primitivesOf(unit);
  for (const [k, v] of scores) unit.scores.set(k, v);
  const blockedAll = unit.orphan || cluster.options.stopAllResources || isDisabled(unit);
  const unmanaged = !isManaged(unit, cluster);
  let node: SchedNode | undefined;
  if (unmanaged) node = members.find((m) => m.running.length)?.running[0];
  else if (!blockedAll) node = bestNode(scores, cluster, members.find((m) => m.running.length)?.running[0]);
  placeMembers(unit, members, node, cluster);
  state.placed.set(unit, node ? [node] : []);
}

export function noQuorumStop(cluster: Cluster): boolean {
  return !cluster.options.haveQuorum && cluster.options.noQuorumPolicy === "stop";
}

/** Whether unclean nodes can be fenced (fencing needs quorum unless no-quorum-policy=ignore). */
export function canFence(cluster: Cluster, node?: SchedNode): boolean {
  const o = cluster.options;
  // Without quorum, nodes still in the membership can be fenced.
  return o.stonithEnabled && haveFencingDevice(cluster) && (o.haveQuorum || o.noQuorumPolicy === "ignore" || !!node?.online);
}

export function haveFencingDevice(cluster: Cluster): boolean {
  return cluster.primitives.some((p) => p.isStonith && !p.orphan);
}

/** Group members follow the group's node in order; the first that cannot run there stops the rest. */
export function placeMembers(unit: Resource, members: Resource[], node: SchedNode | undefined, cluster: Cluster): void {
  let ok = !!node;
  for (const m of members) {
    const unmanaged = !isManaged(m, cluster);
    if (unmanaged) {
      m.assignedTo = m.running[0];
      m.nextRole = m.running.length ? m.role : "Stopped";
      continue;
    }
    if (ok && node && (m.banned.has(node.uname) || isDisabled(m) || m.forceStop)) ok = false;
    if (ok && node) {
      m.assignedTo = node;
      m.nextRole = "Started";
      node.assigned++;
    } else {
      m.assignedTo = undefined;
      m.nextRole = "Stopped";
    }
  }
  void unit;
}

const ORDER_BY_SCORE = false;
/** Pacemaker's processing order: priority, then resources doing well where they run, then best score. */
function processOrder(cluster: Cluster, index: Index): Resource[] {
  const keys = new Map<Resource, { current: number; best: number; running: boolean }>();
  for (const unit of cluster.resources) {
    const scores = unit.variant === "clone" ? new Map<string, number>() : baseScores(unit, cluster, index);
    const at = primitivesOf(unit).find((p) => p.running.length)?.running[0];
    let best = -INFINITY;
    for (const v of scores.values()) best = Math.max(best, v);
    keys.set(unit, { current: at ? (scores.get(at.uname) ?? 0) : -INFINITY, best, running: !!at });
  }
  return [...cluster.resources].sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return b.priority - a.priority || (ORDER_BY_SCORE ? Number(kb.running) - Number(ka.running) || kb.current - ka.current || kb.best - ka.best : 0) || a.order - b.order;
  });
}

export function assignAll(cluster: Cluster): AssignState {
  const state: AssignState = { index: buildIndex(cluster), done: new Set(), active: new Set(), placed: new Map(), promotedOn: new Map() };
  for (const unit of processOrder(cluster, state.index)) assignUnit(unit, cluster, state);
  return state;
}
