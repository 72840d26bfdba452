// Clone instances: keep running instances where they are when allowed, place the rest on the best
// nodes within clone-node-max, then choose promoted instances of promotable clones.
import { addScores, parseScore } from "./score.js";
import { canHost, chooseNode, isDisabled, isManaged, locationScore, placeMembers, primitivesOf, stickinessOn, unitOf, type AssignState } from "./placement.js";
import { containerDependents, isContainerUnit } from "./bundle.js";
import { INFINITY, type Cluster, type Resource, type SchedNode } from "./types.js";

function instanceScore(inst: Resource, node: SchedNode, base: number, cluster: Cluster, dependents = true): number {
  let s = base;
  for (const m of primitivesOf(inst)) {
    if (m.banned.has(node.uname)) return -INFINITY;
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
  const pending: Resource[] = [];
  for (const inst of unit.children) {
    const members = primitivesOf(inst);
    // an instance whose role (its members' highest) is Started counts as unpromoted, with all its members
    const relabel = info.promotable && !members.some((m) => m.role === "Promoted" || m.role === "Unpromoted");
    if (relabel) for (const m of members) if (m.role === "Started") m.role = "Unpromoted";
    const current = members.find((m) => m.running.length)?.running[0];
    if (!isManaged(inst, cluster) || (current && members.some((m) => m.blocked))) {
      placeMembers(members, current, cluster);
      if (current) {
        count.set(current.uname, (count.get(current.uname) ?? 0) + 1);
        // A blocked instance is no place for what is colocated with the clone.
        if (!members.some((m) => m.blocked)) placed.push(current);
      }
      continue;
    }
    // An instance that failed on a node about to be fenced goes away with the node; a fresh instance
    // takes over elsewhere.
    // (a bundle's containers are no anonymous instances: each one is recovered by its own name)
    const failedOnUnclean = !!current && current.unclean && !info.globallyUnique && !isContainerUnit(unit);
    if (blocked || inst.orphan || failedOnUnclean) {
      placeMembers(members, undefined, cluster);
      continue;
    }
    if (current && canHost(current)) {
      const s = instanceScore(inst, current, scores.get(current.uname) ?? -INFINITY, cluster);
      const c = count.get(current.uname) ?? 0;
      // Stay unless another node with room scores strictly better.
      let better = false;
      for (const node of cluster.nodes) {
        if (node === current || !canHost(node) || (count.get(node.uname) ?? 0) >= info.nodeMax) continue;
        if (instanceScore(inst, node, scores.get(node.uname) ?? -INFINITY, cluster) > s && !filledBySiblings(unit, node, info.nodeMax)) better = true;
      }
      if (s >= 0 && c < info.nodeMax && !better) {
        count.set(current.uname, c + 1);
        placed.push(current);
        placeMembers(members, current, cluster);
        continue;
      }
    }
    pending.push(inst);
  }
  // Pacemaker's order (pcmk__cmp_instance): instances active on a node they are no longer allowed
  // on after all others (a fresh instance takes the free node, the displaced one stops), active ones
  // (that could not stay) before inactive ones
  const currentOf = (inst: Resource) => primitivesOf(inst).find((m) => m.running.length)?.running[0];
  const disallowed = (inst: Resource): boolean => {
    const current = currentOf(inst);
    if (!current) return false;
    if (primitivesOf(inst).some((m) => m.banned.has(current.uname))) return true;
    return canHost(current) && instanceScore(inst, current, scores.get(current.uname) ?? -INFINITY, cluster, false) < 0;
  };
  const rank = (inst: Resource) => (disallowed(inst) ? 2 : currentOf(inst) ? 0 : 1);
  const ordered = pending.map((inst, i) => ({ inst, i, r: rank(inst) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.inst);
  for (const inst of ordered) {
    const members = primitivesOf(inst);
    const own = new Map<string, number>();
    const room = (n: SchedNode) => (count.get(n.uname) ?? 0) < info.nodeMax;
    for (const node of cluster.nodes) own.set(node.uname, instanceScore(inst, node, scores.get(node.uname) ?? -INFINITY, cluster));
    // dependents' preferences are dropped when they would leave no node (Pacemaker's rollback)
    if (!cluster.nodes.some((n) => room(n) && canHost(n) && (own.get(n.uname) ?? -INFINITY) >= 0)) {
      for (const node of cluster.nodes) own.set(node.uname, instanceScore(inst, node, scores.get(node.uname) ?? -INFINITY, cluster, false));
    }
    const current = members.find((m) => m.running.length)?.running[0];
    const best = chooseNode(own, cluster, { current, unique: info.globallyUnique, allowed: room });
    if (best) {
      count.set(best.uname, (count.get(best.uname) ?? 0) + 1);
      placed.push(best);
    }
    placeMembers(members, best, cluster);
  }
  state.placed.set(unit, placed);
}

/** Whether the instances already running on the node fill it (they keep their places first). */
function filledBySiblings(unit: Resource, node: SchedNode, nodeMax: number): boolean {
  return unit.children.filter((inst) => primitivesOf(inst).some((m) => m.running.includes(node))).length >= nodeMax;
}

function promotionAttr(inst: Resource, node: SchedNode): number | undefined {
  for (const m of primitivesOf(inst)) {
    // container-attribute-target=host: a guest node's attributes are its container's host's
    const at = attributeNode(m, node);
    if (!at) continue;
    const v = at.attrs.get(`master-${m.baseId}`) ?? at.attrs.get(`master-${m.id}`) ?? at.attrs.get(`promotion-${m.baseId}`);
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
    const attr = promotionAttr(inst, node);
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
    if (attr === undefined && loc === undefined && !colocated && !members.some((m) => m.role === "Promoted")) continue;
    const was = members.some((m) => m.role === "Promoted" && m.running.includes(node));
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
