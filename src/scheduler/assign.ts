// Phase 2, assignment: node scores per placement unit (primitive, group, clone) from location
// constraints, stickiness, failures and colocations; each unit takes its best node in priority order,
// primaries before their dependents. Clone instances and promotion are handled in ./clone.ts.
import { isTrue } from "../cib/resources.js";
import { addScores } from "./score.js";
import { assignClone, promote } from "./clone.js";
import { buildIndex, canHost, chooseNode, compareCapacity, isDisabled, isManaged, locationScore, placeMembers, primitivesOf, stickinessOn, unitOf, type AssignState, type Index } from "./placement.js";

import { avoidsRemoteNodes, connectionAssigned } from "./remote.js";
import { isContainerUnit } from "./bundle.js";
import { banInsufficientCapacity, consumeCapacity } from "./utilization.js";
import { INFINITY, type Cluster, type Colocation, type Resource, type SchedNode } from "./types.js";

export { buildIndex, canHost, chooseNode, isDisabled, isManaged, locationScore, placeMembers, primitivesOf, unitOf, type AssignState, type Index } from "./placement.js";

/** An unmanaged resource (or one whose failure blocked it) is pinned where it runs: Pacemaker gives it
 * an INFINITY location there as it reads the history (not_managed_default), which what is colocated
 * with it, or grouped before it, sees too. */
function pinnedHere(m: Resource, node: SchedNode, cluster: Cluster): boolean {
  return m.running.includes(node) && (!isManaged(m, cluster) || m.blocked);
}

function memberScore(m: Resource, node: SchedNode, cluster: Cluster, index: Index): number | undefined {
  if (m.banned.has(node.uname)) return -INFINITY;
  if (pinnedHere(m, node, cluster)) return INFINITY;
  let s = locationScore(m, node, index);
  const sticky = stickinessOn(m, node, cluster);
  if (sticky) s = addScores(s ?? 0, sticky);
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
      const pinned = pinnedHere(m, node, cluster);
      const v = unit.variant === "group" ? memberScore(m, node, cluster, index) : m.banned.has(node.uname) ? -INFINITY : pinned ? INFINITY : m.running.includes(node) && isManaged(m, cluster) ? stickinessOn(m, node, cluster) : undefined;
      if (v !== undefined) {
        if (pinned || (unit.variant === "group" && locationScore(m, node, index) !== undefined)) defined.add(node.uname);
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

/** The primary role a colocation filters on, or null when the colocation has no effect. A role only a
 * promotable clone has (Promoted, Unpromoted) is, for any other primary, compared with the role it
 * will have (Started), as Pacemaker compares roles: a positive colocation then has no effect, a
 * negative one applies wherever the primary runs, and a mandatory colocation with a clone's instances
 * takes every node one of them is placed on. */
function primaryRole(c: Colocation, primary: Resource): Colocation["withRole"] | null {
  const role = c.withRole;
  if (role !== "Promoted" && role !== "Unpromoted") return role;
  if (primary.clone?.promotable) return role;
  if (c.score < 0 || (c.score >= INFINITY && primary.variant === "clone")) return undefined;
  return null;
}

/** A bundle's colocations as a dependent go to each of its replicas' containers: negative and
 * mandatory ones always, positive optional ones only when not every node gets a replica
 * (append_parent_colocation). */
function takesColocation(unit: Resource, score: number, cluster: Cluster): boolean {
  if (!isContainerUnit(unit) || score < 0 || score >= INFINITY) return true;
  const own = new Set(unit.bundle?.replicas.map((r) => r.node));
  return (unit.clone?.max ?? 0) < cluster.nodes.filter((n) => canHost(n) && !own.has(n)).length;
}

function applyColocations(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState): void {
  for (const c of state.index.asDependent.get(unit) ?? []) {
    const primary = unitOf(c.withRsc);
    if (!state.done.has(primary) || !takesColocation(unit, c.score, cluster)) continue;
    if (c.rscRole === "Promoted" || c.rscRole === "Unpromoted") continue; // affects promotion only
    const withRole = primaryRole(c, primary);
    if (withRole === null) continue;
    let where = state.placed.get(primary) ?? [];
    if (withRole === "Promoted") where = state.promotedOn.get(primary) ?? [];
    else if (withRole === "Unpromoted") {
      const promoted = state.promotedOn.get(primary) ?? [];
      where = where.filter((n) => !promoted.includes(n));
    }
    if (c.withRsc !== primary && (primary.variant === "group" || isContainerUnit(primary))) {
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
  // roles do not filter what a dependent's preferences contribute (pcmk__add_colocated_node_scores);
  // a bundle's own node scores stay what they were once its replicas are placed
  const deps = (state.index.asPrimary.get(unit) ?? []).filter((c) => !state.done.has(unitOf(c.rsc)) || isContainerUnit(unitOf(c.rsc)));
  for (const c of deps) {
    const dep = unitOf(c.rsc);
    if ((dep.variant === "clone" && !isContainerUnit(dep)) || seen.has(dep)) continue;
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
  for (const c of state.index.asDependent.get(unit) ?? []) if (takesColocation(unit, c.score, cluster)) assignUnit(unitOf(c.withRsc), cluster, state);
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
  const before = new Map(scores);
  applyColocations(unit, scores, cluster, state);
  // nodes the unit's mandatory colocations rule out (Pacemaker gives them to every group member
  // after an unmanaged one)
  const colocBanned = new Set([...scores].filter(([k, v]) => v <= -INFINITY && (before.get(k) ?? 0) > -INFINITY).map(([k]) => k));
  const members = primitivesOf(unit);
  banInsufficientCapacity(unit, scores, cluster, state);
  for (const [k, v] of scores) unit.scores.set(k, v);
  const blockedAll = unit.orphan || cluster.options.stopAllResources || isDisabled(unit);
  // a blocked failure leaves a primitive unmanaged (Pacemaker clears its managed flag): it stays put
  const unmanaged = !isManaged(unit, cluster) || (unit.variant === "primitive" && unit.blocked && unit.running.length > 0);
  let node: SchedNode | undefined;
  if (unmanaged) node = members.find((m) => m.running.length)?.running[0];
  else if (!blockedAll) {
    // a remote connection migrating when the history was written prefers to finish there
    const prefer = unit.remoteNode ? unit.partialMigration?.target : undefined;
    node = chooseNode(scores, cluster, { current: members.find((m) => m.running.length)?.running[0], prefer });
  }
  placeMembers(members, node, cluster, colocBanned);
  consumeCapacity(members, cluster);
  state.placed.set(unit, node ? [node] : []);
}

export function noQuorumStop(cluster: Cluster): boolean {
  return !cluster.options.haveQuorum && cluster.options.noQuorumPolicy === "stop";
}

/** Whether unclean nodes can be fenced (fencing needs quorum unless no-quorum-policy=ignore). */
export function canFence(cluster: Cluster, node?: SchedNode): boolean {
  // a guest node is fenced by stopping its guest resource: possible where its host is online or fenceable
  const guest = node?.remote === "guest" ? node.connection?.container : undefined;
  if (guest) return guest.running.every((host) => host.online || canFence(cluster, host));
  const o = cluster.options;
  // Without quorum, nodes still in the membership can be fenced.
  return o.stonithEnabled && haveFencingDevice(cluster) && (o.haveQuorum || o.noQuorumPolicy === "ignore" || !!node?.online);
}

export function haveFencingDevice(cluster: Cluster): boolean {
  return cluster.primitives.some((p) => p.isStonith && !p.orphan);
}

/** Pacemaker's processing order: priority (resources are kept sorted so from the start); with a
 * placement strategy other than default (where what is placed first takes the capacity), also
 * cmp_resources' keys: the score on the node a resource runs on, then the scores node by node (usable
 * nodes first, in the order nodes are chosen); configuration order last. */
function processOrder(cluster: Cluster, index: Index): Resource[] {
  const byScore = cluster.options.placementStrategy !== "default";
  const balanced = cluster.options.placementStrategy === "balanced";
  const nodes = [...cluster.nodes].sort((a, b) => Number(canHost(b)) - Number(canHost(a)) || (balanced ? compareCapacity(a, b) : 0) || (a.uname < b.uname ? -1 : a.uname > b.uname ? 1 : 0));
  const keys = new Map<Resource, { current: number; scores: Map<string, number> }>();
  for (const unit of cluster.resources) {
    if (!byScore) break;
    const scores = baseScores(unit, cluster, index);
    const at = primitivesOf(unit).find((p) => p.running.length)?.running[0];
    keys.set(unit, { current: at ? (scores.get(at.uname) ?? -INFINITY) : -INFINITY, scores });
  }
  const byNode = (a: Map<string, number>, b: Map<string, number>): number => {
    for (const n of nodes) {
      const d = (b.get(n.uname) ?? -INFINITY) - (a.get(n.uname) ?? -INFINITY);
      if (d) return d;
    }
    return 0;
  };
  return [...cluster.resources].sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return b.priority - a.priority || (byScore ? kb.current - ka.current || byNode(ka.scores, kb.scores) : 0) || a.order - b.order;
  });
}

/** resource-discovery=exclusive: a resource may run only on the nodes its exclusive locations name. */
function applyExclusiveDiscovery(cluster: Cluster): void {
  const exclusive = new Map<Resource, Cluster["locations"]>();
  for (const loc of cluster.locations) if (loc.discovery === "exclusive") exclusive.set(loc.rsc, [...(exclusive.get(loc.rsc) ?? []), loc]);
  for (const [rsc, locs] of exclusive) {
    const unmarked = cluster.nodes.filter((n) => !locs.some((l) => (l.node !== undefined ? l.node === n.uname : !!l.rules?.some((r) => r.matches(n)))));
    for (const p of primitivesOf(rsc)) for (const n of unmarked) p.banned.add(n.uname);
  }
}

export function assignAll(cluster: Cluster): AssignState {
  const state: AssignState = { index: buildIndex(cluster), done: new Set(), active: new Set(), placed: new Map(), promotedOn: new Map() };
  applyExclusiveDiscovery(cluster);
  const remoteNodes = cluster.nodes.filter((n) => n.remote);
  if (remoteNodes.length) for (const rsc of cluster.primitives) if (avoidsRemoteNodes(rsc)) for (const n of remoteNodes) rsc.banned.add(n.uname);
  const order = processOrder(cluster, state.index);
  // Top-level remote connections first (with what they are colocated with): their nodes can then host
  // resources. A bundle's connections are its own members, assigned with it.
  for (const unit of order) {
    if (!unit.remoteNode || unit.bundle) continue;
    assignUnit(unit, cluster, state);
    connectionAssigned(unit);
  }
  for (const unit of order) {
    assignUnit(unit, cluster, state);
    if (unit.remoteNode && unit.bundle) connectionAssigned(unit);
  }
  return state;
}
