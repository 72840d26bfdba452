// Clone instances: keep running instances where they are when allowed, place the rest on the best
// nodes within clone-node-max, then choose promoted instances of promotable clones.
import { addScores, parseScore } from "./score.js";
import { canHost, chooseNode, isDisabled, isManaged, locationScore, placeMembers, primitivesOf, stickinessOn, unitOf, type AssignState } from "./placement.js";
import { containerDependents } from "./bundle.js";
import { INFINITY, type Cluster, type Resource, type SchedNode } from "./types.js";

/** An instance's score on a node. A cloned group's later members are colocated with its first: their
 * bans are dependents' preferences, dropped with the rest when they would leave no node. */
function instanceScore(inst: Resource, node: SchedNode, base: number, cluster: Cluster, dependents = true): number {
  let s = base;
  const members = primitivesOf(inst);
  for (const [i, m] of members.entries()) {
    if (m.banned.has(node.uname) && (i === 0 || dependents)) return -INFINITY;
    s = addScores(s, stickinessOn(m, node, cluster));
  }
  return dependents ? addScores(s, containerDependents(inst, node, cluster)) : s;
}

export function assignClone(unit: Resource, scores: Map<string, number>, cluster: Cluster, state: AssignState): void {
  const info = unit.clone;
  if (!info) return;
  for (const [k, v] of scores) unit.scores.set(k, v);
  const count = new Map<string, number>();
  const placed: SchedNode[] = [];
  const blocked = cluster.options.stopAllResources || isDisabled(unit);
  const provisional: Resource[] = [];
  let allocated = 0;
  const take = (inst: Resource, node: SchedNode | undefined, usable = true): void => {
    placeMembers(primitivesOf(inst), node, cluster);
    if (!node) return;
    count.set(node.uname, (count.get(node.uname) ?? 0) + 1);
    allocated++;
    if (usable) placed.push(node);
  };
  for (const inst of unit.children) {
    const members = primitivesOf(inst);
    // an instance whose role (its members' highest) is Started counts as unpromoted, with all its members
    const relabel = info.promotable && !members.some((m) => m.role === "Promoted" || m.role === "Unpromoted");
    if (relabel) for (const m of members) if (m.role === "Started") m.role = "Unpromoted";
    const current = currentNode(inst);
    if (!isManaged(inst, cluster) || (current && members.some((m) => m.blocked))) {
      // A blocked instance is no place for what is colocated with the clone.
      take(inst, current, !members.some((m) => m.blocked));
      continue;
    }
    if (blocked || inst.orphan) {
      placeMembers(members, undefined, cluster);
      continue;
    }
    provisional.push(inst);
  }
  const boost = info.promotable ? promotionBoosts(unit, scores, cluster) : undefined;
  const weight = (inst: Resource, node: SchedNode, dependents = true): number => {
    const s = instanceScore(inst, node, scores.get(node.uname) ?? -INFINITY, cluster, dependents);
    const extra = boost?.scores.get(inst)?.get(node.uname);
    return extra ? addScores(s, extra) : s;
  };
  const disallowed = (inst: Resource): boolean => {
    const current = currentNode(inst);
    if (!current) return false;
    // a ban on the node itself (a failed stop there) counts even where nothing can run any more
    if (inst.variant === "primitive" && inst.banned.has(current.uname)) return true;
    return canHost(current) && weight(inst, current, false) < 0;
  };
  const priority = (inst: Resource): number => Math.max(inst.priority, boost?.priority.get(inst) ?? inst.priority);
  const ordered = [...provisional].sort((a, b) => compareInstances(a, b, disallowed, priority));
  const available = cluster.nodes.filter(canHost).length;
  // Pacemaker first keeps instances where they run, at most max/available per node, then places the rest.
  const optimal = Math.max(1, available ? Math.floor(info.max / available) : 1);
  const room = (n: SchedNode) => (count.get(n.uname) ?? 0) < info.nodeMax;
  const choose = (inst: Resource, prefer?: SchedNode): SchedNode | undefined => {
    const own = new Map<string, number>();
    for (const node of cluster.nodes) own.set(node.uname, weight(inst, node));
    // dependents' preferences are dropped when they would leave no node (Pacemaker's rollback)
    if (!cluster.nodes.some((n) => room(n) && canHost(n) && (own.get(n.uname) ?? -INFINITY) >= 0)) {
      for (const node of cluster.nodes) own.set(node.uname, weight(inst, node, false));
    }
    return chooseNode(own, cluster, { current: currentNode(inst), prefer, unique: info.globallyUnique, allowed: room });
  };
  const done = new Set<Resource>();
  for (const inst of ordered) {
    if (allocated >= info.max) break;
    const current = currentNode(inst);
    if (!current || primitivesOf(inst).some((m) => m.failed) || !canHost(current)) continue;
    if ((count.get(current.uname) ?? 0) >= optimal) continue;
    if (choose(inst, current) !== current) continue;
    take(inst, current);
    done.add(inst);
  }
  for (const inst of ordered) {
    if (done.has(inst)) continue;
    take(inst, allocated < info.max ? choose(inst) : undefined);
  }
  state.placed.set(unit, placed);
}

function currentNode(inst: Resource): SchedNode | undefined {
  for (const m of primitivesOf(inst)) if (m.running.length) return m.running[0];
  return undefined;
}

/** The order in which Pacemaker assigns a clone's instances (pcmk__cmp_instance): less multiply active,
 * not active where no longer allowed, higher priority (promotion score), active, active on a node that
 * can run resources, not failed, lower instance number. */
function compareInstances(a: Resource, b: Resource, disallowed: (i: Resource) => boolean, priority: (i: Resource) => number): number {
  const na = activeNodes(a);
  const nb = activeNodes(b);
  if (na > 0 && nb > 0 && na !== nb) return na - nb;
  const da = disallowed(a);
  const db = disallowed(b);
  if (da !== db) return da ? 1 : -1;
  const pa = priority(a);
  const pb = priority(b);
  if (pa !== pb) return pb - pa;
  const ca = currentNode(a);
  const cb = currentNode(b);
  if (!ca || !cb) return !ca && !cb ? 0 : !ca ? 1 : -1;
  if (canHost(ca) !== canHost(cb)) return canHost(ca) ? -1 : 1;
  const fa = primitivesOf(a).some((m) => m.failed);
  const fb = primitivesOf(b).some((m) => m.failed);
  if (fa !== fb) return fa ? 1 : -1;
  return (a.instance ?? 0) - (b.instance ?? 0);
}

function activeNodes(inst: Resource): number {
  const nodes = new Set<SchedNode>();
  for (const m of primitivesOf(inst)) for (const n of m.running) nodes.add(n);
  return nodes.size;
}

/**
 * Promotion scores as Pacemaker adds them before placing a promotable clone's instances
 * (pcmk__add_promotion_scores): an instance prefers the nodes where its score counts, and its priority
 * (the assignment order) becomes its highest score. A score counts where the instance is active; where
 * no instance is active but one was probed; everywhere when the instance has no history at all; and
 * otherwise where its own history is. Nodes that cannot run resources take none.
 */
function promotionBoosts(unit: Resource, scores: Map<string, number>, cluster: Cluster): { scores: Map<Resource, Map<string, number>>; priority: Map<Resource, number> } {
  const out = { scores: new Map<Resource, Map<string, number>>(), priority: new Map<Resource, number>() };
  const anonymous = !unit.clone?.globallyUnique;
  for (const inst of unit.children) {
    if (inst.orphan) continue;
    const own = new Map<string, number>();
    let highest: number | undefined;
    for (const node of cluster.nodes) {
      if (!canHost(node)) continue;
      let score = 0;
      for (const m of primitivesOf(inst)) {
        if (!promotionScoreApplies(m, node, unit, anonymous, scores)) continue;
        score += promotionAttr(m, node, !anonymous) ?? 0;
      }
      if (score > 0) own.set(node.uname, score);
      if (highest === undefined || score > highest) highest = score;
    }
    out.scores.set(inst, own);
    if (highest !== undefined) out.priority.set(inst, highest);
  }
  return out;
}

function promotionScoreApplies(m: Resource, node: SchedNode, unit: Resource, anonymous: boolean, scores: Map<string, number>): boolean {
  const allowed = !m.banned.has(node.uname) && (scores.get(node.uname) ?? -INFINITY) >= 0;
  const sameBase = (): Resource[] => unit.children.flatMap((i) => primitivesOf(i).filter((p) => p.baseId === m.baseId));
  if (anonymous) {
    const active = sameBase().find((p) => p.running.includes(node));
    if (active === m) return allowed;
    if (!active && sameBase().some((p) => p.knownOn.has(node.uname))) return allowed;
  }
  if (!m.running.length && !m.historyOn.size) return allowed;
  if (m.historyOn.has(node.uname) || m.running.includes(node)) return allowed;
  return false;
}

function promotionAttr(inst: Resource, node: SchedNode, unique: boolean): number | undefined {
  for (const m of primitivesOf(inst)) {
    // container-attribute-target=host: a guest node's attributes are its container's host's
    const at = attributeNode(m, node);
    if (!at) continue;
    // the name the history knows the instance by (what crm_attribute --promotion used), then, for an
    // anonymous clone, the name without instance number
    const own = at.attrs.get(`master-${m.historyName ?? m.id}`);
    const v = own ?? (unique ? undefined : at.attrs.get(`master-${m.baseId}`)) ?? at.attrs.get(`promotion-${m.baseId}`);
    if (v !== undefined) return parseScore(v, 0);
  }
  return undefined;
}

/** pe_node_attribute_calculated: where a resource's node attributes are read. */
function attributeNode(rsc: Resource, node: SchedNode): SchedNode | undefined {
  if (node.remote !== "guest" || rsc.meta.get("container-attribute-target")?.toLowerCase() !== "host") return node;
  return node.connection?.container?.running[0];
}

export function promote(unit: Resource, cluster: Cluster, state: AssignState): void {
  const info = unit.clone;
  if (!info) return;
  const candidates: { inst: Resource; node: SchedNode; score: number; was: boolean }[] = [];
  const noPromote = !!unit.promotionBanned || isDisabled(unit) || unit.targetRole === "Unpromoted" || unit.children[0]?.targetRole === "Unpromoted";
  for (const inst of unit.children) {
    const members = primitivesOf(inst);
    const node = members[0]?.assignedTo;
    for (const m of members) if (m.nextRole === "Started") m.nextRole = "Unpromoted";
    if (!node || members.some((m) => m.nextRole === "Stopped") || noPromote) continue;
    if (!isManaged(inst, cluster)) continue;
    const attr = promotionAttr(inst, node, !!info.globallyUnique);
    const loc = locationScore(unit, node, state.index, true);
    let score = addScores(attr ?? 0, loc ?? 0);
    // A colocation of the promoted role with something placed here counts even without promotion scores.
    let colocated = false;
    for (const c of state.index.asDependent.get(unit) ?? []) {
      if (c.rscRole !== "Promoted") continue;
      const primary = unitOf(c.withRsc);
      const where = (c.withRole === "Promoted" ? state.promotedOn.get(primary) : state.placed.get(primary)) ?? [];
      const here = where.includes(node);
      if (c.score >= INFINITY && !here) score = -INFINITY;
      else if (c.score <= -INFINITY && here) score = -INFINITY;
      else if (here) {
        score = addScores(score, c.score);
        if (c.score > 0) colocated = true;
      }
    }
    // without a promotion score an instance is promoted only where it is promoted already (elsewhere its
    // priority defaults to -1)
    const was = members.some((m) => m.role === "Promoted" && m.running.includes(node));
    if (attr === undefined && loc === undefined && !colocated && !was) continue;
    if (was) score = addScores(score, members[0].stickiness);
    candidates.push({ inst, node, score, was });
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.was) - Number(a.was) || (a.inst.instance ?? 0) - (b.inst.instance ?? 0));
  const perNode = new Map<string, number>();
  const promotedOn: SchedNode[] = [];
  const frozen = !cluster.options.haveQuorum && cluster.options.noQuorumPolicy === "freeze";
  let n = 0;
  for (const c of candidates) {
    if (n >= info.promotedMax || c.score < 0) break;
    const k = perNode.get(c.node.uname) ?? 0;
    if (k >= info.promotedNodeMax) continue;
    // no-quorum-policy=freeze: an instance not promoted yet stays unpromoted and takes no slot
    if (frozen && !primitivesOf(c.inst).some((m) => m.role === "Promoted")) continue;
    perNode.set(c.node.uname, k + 1);
    for (const m of primitivesOf(c.inst)) m.nextRole = "Promoted";
    promotedOn.push(c.node);
    n++;
  }
  state.promotedOn.set(unit, promotedOn);
  capPromotionWithoutQuorum(unit, cluster);
}

/** no-quorum-policy=demote without quorum: what runs unpromoted or promoted keeps running but goes no
 * further than unpromoted (the rest stops, see effectiveQuorumPolicy). Pacemaker caps the role only
 * when it creates the instance's actions, after placement, so what is colocated with the promoted
 * role has already been placed. */
function capPromotionWithoutQuorum(unit: Resource, cluster: Cluster): void {
  if (cluster.options.haveQuorum || cluster.options.noQuorumPolicy !== "demote") return;
  for (const inst of unit.children) for (const m of primitivesOf(inst)) if (m.nextRole === "Promoted" && (m.role === "Promoted" || m.role === "Unpromoted")) m.nextRole = "Unpromoted";
}
