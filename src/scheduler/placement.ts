// What assignment and clone placement share: which nodes can host, the constraint index, location
// scores, Pacemaker's node choice, and how group members follow their group's node.
import { addScores, parseScore } from "./score.js";
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

/** The stickiness a resource adds on a node: Pacemaker applies it only when positive, to a managed
 * resource active on that node alone. */
export function stickinessOn(m: Resource, node: SchedNode, cluster: Cluster): number {
  return m.stickiness >= 1 && m.running.length === 1 && m.running[0] === node && isManaged(m, cluster) ? m.stickiness : 0;
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
export function locationScore(rsc: Resource, node: SchedNode, index: Index, promotedOnly = false): number | undefined {
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
    if (!best || compareNodesBy(node, best, score, current, cluster.options.placementStrategy) < 0) best = node;
  }
  if (!best) return undefined;
  const top = score(best);
  if (prefer && score(prefer) >= top && score(prefer) >= 0) return prefer;
  if (!unique && top > 0 && current && current !== best && score(current) === top) return current;
  return best;
}

/** Pacemaker's node order for assignment: score, then (balanced placement) more capacity left, then
 * fewer resources already assigned (not for minimal placement), then the resource's current node, then
 * node name (plain byte order). */
function compareNodesBy(a: SchedNode, b: SchedNode, score: (n: SchedNode) => number, current: SchedNode | undefined, strategy: string): number {
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sb - sa;
  // balanced: the node with more capacity left; minimal: no spreading by the number of resources
  if (strategy === "balanced") {
    const byCapacity = compareCapacity(a, b);
    if (byCapacity) return byCapacity;
  }
  if (strategy !== "minimal" && a.assigned !== b.assigned) return a.assigned - b.assigned;
  if (current && a !== b) {
    if (a === current) return -1;
    if (b === current) return 1;
  }
  return a.uname < b.uname ? -1 : a.uname > b.uname ? 1 : 0;
}

export interface AssignState {
  index: Index;
  done: Set<Resource>;
  active: Set<Resource>;
  /** Nodes where each unit ended up (several for clones), and where its promoted instances are. */
  placed: Map<Resource, SchedNode[]>;
  promotedOn: Map<Resource, SchedNode[]>;
}

/** Group members follow the group's node in order; the first that cannot run there stops the rest.
 * Each member is colocated with the one before it: after a member that stays where it runs (unmanaged,
 * or blocked by a failure), the rest follow that member's node, or stop if it cannot host them. */
export function placeMembers(members: Resource[], node: SchedNode | undefined, cluster: Cluster, colocBanned?: Set<string>): void {
  let ok = !!node;
  let at = node;
  for (const m of members) {
    if (!isManaged(m, cluster) || (m.blocked && m.running.length > 0)) {
      // an unmanaged resource is assigned where it runs, and counts there like any other
      m.assignedTo = m.running[0];
      m.nextRole = m.running.length ? m.role : "Stopped";
      if (m.assignedTo) m.assignedTo.assigned++;
      // the members after an unmanaged one also take the group's mandatory colocations (not its
      // locations, whose scores only the first member gets)
      if (m.assignedTo !== at) {
        at = m.assignedTo;
        ok = !!at && canHost(at) && !colocBanned?.has(at.uname);
      }
      continue;
    }
    if (ok && at && (m.banned.has(at.uname) || isDisabled(m) || m.forceStop)) ok = false;
    if (ok && at) {
      m.assignedTo = at;
      m.nextRole = "Started";
      at.assigned++;
    } else {
      m.assignedTo = undefined;
      m.nextRole = "Stopped";
    }
  }
}

/** Balanced placement's preference: negative when `a` has more capacity left than `b` on more attributes. */
export function compareCapacity(a: SchedNode, b: SchedNode): number {
  let result = 0;
  const keys = new Set([...(a.capacity?.keys() ?? []), ...(b.capacity?.keys() ?? [])]);
  for (const k of keys) {
    const ca = a.capacity?.get(k) ?? 0;
    const cb = b.capacity?.get(k) ?? 0;
    if (ca > cb) result--;
    else if (ca < cb) result++;
  }
  return result;
}
