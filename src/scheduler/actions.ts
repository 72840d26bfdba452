// Phase 3, actions: compare each primitive's current and next placement and role, then let
// mandatory orderings (explicit ones and the implicit ones inside groups) turn required starts into
// restarts of what depends on them, and unrunnable starts into blocked ones.
import { canFence, haveFencingDevice, isManaged, primitivesOf } from "./assign.js";
import { canMigrate } from "./migration.js";
import { applyGuestContainers, keepGuestMigrations } from "./guest-plans.js";
import { INFINITY, type Cluster, type PrimitivePlan, type Resource, type SchedNode } from "./types.js";

export type { PrimitivePlan } from "./types.js";

export function planActions(cluster: Cluster): Map<Resource, PrimitivePlan> {
  const plans = new Map<Resource, PrimitivePlan>();
  // Fencing enabled without any fencing device: Pacemaker disables resource start-up and schedules nothing.
  if (cluster.options.stonithEnabled && !haveFencingDevice(cluster)) {
    for (const rsc of cluster.primitives) {
      if (rsc.running.length) rsc.nextRole = rsc.role;
      plans.set(rsc, { rsc, from: rsc.running[0], to: rsc.running[0], stop: false, start: false, startBlocked: false });
    }
    return plans;
  }
  for (const rsc of cluster.primitives) {
    // Copies on nodes about to be fenced go away with the fencing.
    const live = rsc.running.filter((n) => !(n.unclean && canFence(cluster, n)));
    if (live.length && live.length < rsc.running.length) rsc.running = live;
    // a migration under way is current on its source (pe__find_active_on)
    const partialSource = rsc.partialMigration && rsc.running.includes(rsc.partialMigration.source) ? rsc.partialMigration.source : undefined;
    const from = partialSource ?? rsc.running[0];
    const to = rsc.assignedTo;
    const managed = isManaged(rsc, cluster);
    const plan: PrimitivePlan = { rsc, from, to, stop: false, start: false, startBlocked: false };
    if (managed) {
      const failedHere = rsc.failed && from !== undefined;
      plan.stop = !!from && (to !== from || failedHere || rsc.running.length > 1);
      // a resource active on several nodes is stopped everywhere and started again where it belongs
      // (unless multiple-active=stop_unexpected, which only stops the unexpected copies)
      const multiplyActive = rsc.running.length > 1 && rsc.meta.get("multiple-active") !== "stop_unexpected";
      plan.start = !!to && (to !== from || failedHere || multiplyActive);
      if (rsc.blocked && !(from && from.unclean && cluster.options.stonithEnabled)) {
        plan.stop = false;
        plan.start = false;
        plan.startBlocked = true;
      }
      if (from && to === from && !plan.stop && !plan.startBlocked && rsc.running.length === 1) {
        if (rsc.agentChanged || rsc.pendingStartChanged || rsc.stopRequired) {
          plan.stop = true;
          plan.start = true;
        } else if (rsc.definitionChanged) {
          plan.stop = true;
          plan.start = true;
          plan.definitionChange = true;
        } else if (rsc.reload) plan.reload = true;
      }
    }
    plans.set(rsc, plan);
    if (managed) applyQuorumAndFencing(rsc, plan, cluster);
  }
  blockUnprobedStarts(cluster, plans);
  for (const plan of plans.values()) plan.migrate = canMigrate(plan.rsc, plan, cluster) || undefined;
  applyOrderings(cluster, plans);
  // an ordering may have blocked the start since: such a resource only stops
  for (const plan of plans.values()) if (plan.migrate && !canMigrate(plan.rsc, plan, cluster)) plan.migrate = undefined;
  keepGuestMigrations(plans);
  for (const plan of plans.values()) plan.partial = (plan.migrate && !!plan.rsc.partialMigration) || undefined;
  cluster.resources.forEach((r) => abandonGroupMigrations(r, plans));
  return plans;
}

/** Members of an ordered group stop after the members that follow them: once a member stops without
 * migrating, the members after it cannot migrate either (their stops must complete before its own). */
function abandonGroupMigrations(rsc: Resource, plans: Map<Resource, PrimitivePlan>): void {
  if (rsc.variant === "primitive") return;
  rsc.children.forEach((c) => abandonGroupMigrations(c, plans));
  if (rsc.variant !== "group" || /^(false|no|off|n|0)$/i.test(rsc.meta.get("ordered") ?? "")) return;
  let stopped = false;
  for (const m of primitivesOf(rsc)) {
    const plan = plans.get(m);
    if (!plan) continue;
    if (stopped) plan.migrate = undefined;
    if (plan.stop && !plan.migrate) stopped = true;
  }
}

/** With fencing enabled, a pending member node still has to probe what it has never seen; those probes
 * cannot run yet, and the starts that wait for them are blocked (crm_simulate gives no reason). */
function blockUnprobedStarts(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): void {
  if (!cluster.options.stonithEnabled) return;
  const pending = cluster.nodes.filter((n) => n.online && n.pending && !n.unclean);
  if (!pending.length) return;
  for (const plan of plans.values()) {
    const rsc = plan.rsc;
    if (!plan.start || plan.startBlocked || plan.from || rsc.orphan) continue;
    const clone = rsc.parent?.variant === "clone" ? rsc.parent : rsc.parent?.parent?.variant === "clone" ? rsc.parent.parent : undefined;
    const known = (n: SchedNode) => rsc.knownOn.has(n.uname) || !!clone?.children.some((i) => primitivesOf(i).some((p) => p.baseId === rsc.baseId && p.knownOn.has(n.uname)));
    if (pending.some((n) => !known(n))) plan.startBlocked = true;
  }
}

/** Without quorum, starts are blocked (and with policy stop, running resources stop); resources on
 * nodes that cannot be fenced cannot be stopped. */
function applyQuorumAndFencing(rsc: Resource, plan: PrimitivePlan, cluster: Cluster): void {
  const from = plan.from;
  if (from && from.unclean && !canFence(cluster, from)) {
    if (plan.stop && haveFencingDevice(cluster) && !rsc.blocked) {
      plan.stopBlocked = true;
      // the line gives the stop's reason, else the start's (a start needing quorum it lacks)
      if (!plan.to) plan.stopBlockedReason = "node availability";
      else if (effectiveQuorumPolicy(rsc, cluster) === "stop" && rsc.meta.get("requires") !== "nothing") plan.stopBlockedReason = "no quorum";
    }
    // a multiply active resource still stops its reachable copies, and cannot start again
    if (plan.stopBlocked && rsc.running.length > 1) plan.startBlocked = true;
    plan.stop = false;
    plan.start = false;
    return;
  }
  // a copy on a node that can be neither reached nor fenced may still run: nothing starts until it is
  // known stopped (the reachable copies still stop)
  if (rsc.running.some((n) => n.unclean && !canFence(cluster, n))) plan.start = false;
  const policy = effectiveQuorumPolicy(rsc, cluster);
  if (policy === "ignore" || rsc.meta.get("requires") === "nothing") return;
  if (policy === "freeze") {
    // only what is not active anywhere cannot start (stops never need quorum)
    if (plan.start && !rsc.running.length) {
      plan.startBlocked = true;
      plan.stopReason = "quorum freeze";
    }
    return;
  }
  if (plan.start) {
    plan.startBlocked = true;
    plan.stopReason = "no quorum";
  }
  if (from && !plan.stop) {
    plan.stop = true;
    plan.start = !!plan.to;
    plan.startBlocked = true;
    plan.stopReason = "no quorum";
  }
}

/** pe_actions.c's effective_quorum_policy: with quorum, anything goes; no-quorum-policy=demote lets
 * what runs in an unpromoted or promoted role carry on (demoted, see capPromotionWithoutQuorum) and
 * stops the rest, fencing devices included. */
function effectiveQuorumPolicy(rsc: Resource, cluster: Cluster): string {
  const o = cluster.options;
  if (o.haveQuorum) return "ignore";
  if (o.noQuorumPolicy !== "demote") return o.noQuorumPolicy;
  return rsc.role === "Promoted" || rsc.role === "Unpromoted" ? "ignore" : "stop";
}

interface Edge {
  /** The ordering constraint's id (none for a group's own chain). */
  id?: string;
  first: Resource;
  then: Resource;
  symmetrical: boolean;
  anyOf?: { id: string; members: Resource[] };
  anyInstance?: boolean;
  /** Optional orderings only order: they neither restart nor block the then side, ... */
  optional?: boolean;
  /** ... unless the then has restart-type=restart: then it restarts with the first. */
  restartThen?: boolean;
}

/** The deprecated restart-type=restart makes an optional ordering imply its then (handle_restart_type). */
const restartTypeRestart = (then: Resource): boolean => then.meta.get("restart-type") === "restart";

function edges(cluster: Cluster): Edge[] {
  const out: Edge[] = [];
  const groupEdges = (g: Resource) => {
    const ordered = !/^(false|no|off|n|0)$/i.test(g.meta.get("ordered") ?? "");
    if (g.variant === "group" && ordered) for (let i = 1; i < g.children.length; i++) out.push({ first: g.children[i - 1], then: g.children[i], symmetrical: true });
    for (const c of g.children) if (c.variant !== "primitive") groupEdges(c);
  };
  // Explicit orderings first: a group's members that cannot start take the group's ordering as their
  // reason before the chain inside the group is considered.
  for (const o of cluster.orderings) {
    if (o.kind === "Serialize" || o.firstAction !== "start" || o.thenAction !== "start") continue;
    out.push({ id: o.id, first: o.first, then: o.then, symmetrical: o.symmetrical, optional: o.kind === "Optional", restartThen: o.kind === "Optional" && restartTypeRestart(o.then), anyOf: o.anyOf, anyInstance: o.anyInstance });
  }
  cluster.resources.forEach(groupEdges);
  return out;
}

/** What the first side of an ordering does: starts something, or cannot run at all. */
interface FirstState {
  starts: boolean;
  canRun: boolean;
  name: string;
  /** Its start is required though it cannot run (it was placed, then blocked): dependents that keep
   * running get "required X" as their reason rather than "unrunnable X". */
  required?: boolean;
  gone?: boolean;
}

function firstState(first: Resource, plans: Map<Resource, PrimitivePlan>): FirstState {
  const prims = primitivesOf(first);
  const ps = prims.map((p) => plans.get(p)).filter((p): p is PrimitivePlan => !!p);
  const runs = (p: PrimitivePlan) => !!p.to && !p.startBlocked;
  const placedButBlocked = (p: PrimitivePlan) => !!p.to && p.startBlocked;
  if (first.variant === "primitive") {
    const p = ps[0];
    // Its start is also required when it stops (its own stop-then-start ordering), though one gone for
    // good never had a node to start on; a migrating first implies nothing for its thens; a move whose
    // stop is held cannot start either.
    const held = !!p && !!p.stopHeld && !!p.heldBy && p.to !== p.from;
    return { starts: !!p && p.start && !p.startBlocked && !p.migrate && !held, canRun: !!p && runs(p) && !held, name: `${first.id} start`, required: !!p && (placedButBlocked(p) || p.stop), gone: !!p && p.stop && !p.to };
  }
  if (first.variant === "group") {
    const last = ps[ps.length - 1];
    return { starts: ps.some((p) => p.start && !p.startBlocked), canRun: !!last && runs(last), name: `${first.id} running`, required: ps.some(placedButBlocked) };
  }
  return { starts: false, canRun: ps.some(runs), name: `${first.id} running`, required: ps.some(placedButBlocked) };
}

/** The first side of a require-all=false set: runnable when any one of its members is. */
function anyState(any: { id: string; members: Resource[] }, plans: Map<Resource, PrimitivePlan>): FirstState {
  return { starts: false, canRun: any.members.some((m) => firstState(m, plans).canRun), name: `one-or-more:${any.id}` };
}

/** A clone with clone-min as an ordering's first: what follows needs that many instances running
 * (require-all=false, its deprecated form, stands for one). */
function cloneMinState(e: Edge, plans: Map<Resource, PrimitivePlan>): FirstState | undefined {
  if (e.first.variant !== "clone") return undefined;
  const configured = e.first.meta.get("clone-min");
  const min = configured !== undefined ? Number(configured) : e.anyInstance ? 1 : 0;
  if (!e.id || !Number.isFinite(min) || min <= 0) return undefined;
  const running = e.first.children.filter((inst) => firstState(inst, plans).canRun).length;
  return { starts: false, canRun: running >= min, name: `clone-one-or-more:${e.id}` };
}

/** The primitives an ordering's then side reaches: every member of a group (or of each clone instance);
 * the first member of each leads (restarts and stops go down the group's own chain from it). */
function thenTargets(then: Resource, cluster: Cluster): { t: Resource; lead: boolean }[] {
  if (then.variant === "primitive") return [{ t: then, lead: true }];
  const members = (r: Resource) => {
    // Members of an unordered group each take the ordering themselves; so does the first managed member
    // after unmanaged ones (every member's start follows the group's, which the chain no longer passes on)
    const unordered = r.variant === "group" && /^(false|no|off|n|0)$/i.test(r.meta.get("ordered") ?? "");
    const list = primitivesOf(r);
    return list.map((t, i) => ({ t, lead: i === 0 || unordered || list.slice(0, i).every((m) => !isManaged(m, cluster)) }));
  };
  if (then.variant === "group") return members(then);
  return then.children.flatMap(members);
}

/** A dependent of a mandatory colocation cannot start where its primary cannot run. */
function applyColocationBlocks(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): boolean {
  let changed = false;
  for (const c of cluster.colocations) {
    // The promotion of a new instance colocated (as promoted) with a primitive that cannot start is blocked.
    if (c.score >= INFINITY && c.rscRole === "Promoted" && c.rsc.variant === "clone" && c.withRsc.variant === "primitive" && (!c.withRole || c.withRole === "Started")) {
      const pp = plans.get(c.withRsc);
      if (!pp || !pp.startBlocked || !pp.to) continue;
      for (const inst of primitivesOf(c.rsc)) {
        const ip = plans.get(inst);
        if (!ip || ip.from || ip.to !== pp.to || inst.nextRole !== "Promoted" || ip.startBlocked) continue;
        ip.startBlocked = true;
        ip.stopReason = `colocation with ${c.withRsc.id}`;
        changed = true;
      }
      continue;
    }
    if (c.score < INFINITY || c.rscRole || c.withRole || c.rsc.variant !== "primitive" || c.withRsc.variant !== "primitive") continue;
    const pp = plans.get(c.withRsc);
    const dp = plans.get(c.rsc);
    if (!pp || !dp || !pp.startBlocked || !pp.to || !dp.to || dp.startBlocked || !isManaged(c.rsc, cluster)) continue;
    if (pp.to !== dp.to) continue;
    dp.startBlocked = true;
    dp.stopReason = `colocation with ${c.withRsc.id}`;
    if (dp.from && !dp.stop) {
      dp.stop = true;
      dp.start = true;
    }
    changed = true;
  }
  return changed;
}

function applyOrderings(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): void {
  const list = edges(cluster);
  let changed = true;
  let rounds = 0;
  while (changed && rounds++ < 50) {
    changed = applyColocationBlocks(cluster, plans);
    if (applyGuestContainers(cluster, plans)) changed = true;
    for (const o of cluster.orderings) {
      // restart-type=restart (deprecated) upgrades an optional stop ordering: the first's stop forces the
      // then's stop, so a then that stays restarts.
      if (o.kind === "Optional" && o.firstAction === "stop" && o.thenAction === "stop" && restartTypeRestart(o.then)) {
        if (!primitivesOf(o.first).some((p) => plans.get(p)?.stop)) continue;
        for (const t of primitivesOf(o.then)) {
          const tp = plans.get(t);
          if (tp && tp.from && tp.to === tp.from && !tp.stop && !tp.startBlocked && isManaged(t, cluster)) {
            tp.stop = true;
            tp.start = true;
            changed = true;
          }
        }
        continue;
      }
      // A stop ordered after the stop of a blocked resource waits for ever.
      if (o.kind !== "Mandatory" || o.firstAction !== "stop" || o.thenAction !== "stop") continue;
      if (!primitivesOf(o.first).some((p) => p.blocked && p.running.length)) continue;
      for (const t of primitivesOf(o.then)) {
        const tp = plans.get(t);
        if (tp && tp.stop && !tp.stopHeld) {
          tp.stopHeld = true;
          changed = true;
        }
      }
    }
    for (const e of list) {
      const fsEdge = e.anyOf ? anyState(e.anyOf, plans) : cloneMinState(e, plans) ?? firstState(e.first, plans);
      if (e.symmetrical && !e.optional && e.first.variant === "primitive" && e.then.variant === "primitive") {
        // The first's stop waits for the then's stop, which a blocked or unmanaged resource never does,
        // nor one whose own stop is held so.
        const fp = plans.get(e.first);
        const tp = plans.get(e.then);
        // (an explicit ordering with an unmanaged then does not hold the first: only a group's chain does)
        const thenCannotStop = !!tp && !!tp.from && (e.then.blocked || (!e.id && (!isManaged(e.then, cluster) || (tp.stop && !!tp.stopHeld && !!tp.heldBy))));
        if (fp && tp && fp.stop && !fp.stopHeld && thenCannotStop) {
          fp.stopHeld = true;
          // a stop that the previous group member's stop made required names that first (the reason a
          // stop gets first is the one it keeps)
          const group = e.first.parent?.variant === "group" ? e.first.parent : undefined;
          const pred = group?.children[group.children.indexOf(e.first) - 1];
          const chained = !!pred && !!plans.get(pred)?.stop && fp.restartReason === `${pred.id} start`;
          fp.heldBy = chained ? `required ${pred.id} stop` : `unrunnable ${e.then.id} stop`;
          changed = true;
        }
      }
      // Interleaved clones order instance by instance: each then instance waits for the first's instance
      // placed on its node (none there: it cannot run, and crm_simulate names no reason).
      const interleaved = e.first.variant === "clone" && e.then.variant === "clone" && !!e.then.clone?.interleave && !e.anyOf && !e.anyInstance && !fsEdge.name.startsWith("clone-one-or-more:");
      for (const { t, lead } of thenTargets(e.then, cluster)) {
        const tp = plans.get(t);
        if (!tp) continue;
        // a failure-blocked resource is as unmanaged: orderings neither restart nor stop it, but an
        // unmanaged group member's start still cannot run after a first that cannot (no line of its own)
        if (!isManaged(t, cluster) || (t.blocked && t.running.length > 0)) {
          if (!e.id && !e.optional && !fsEdge.canRun && tp.to && !tp.startBlocked && !t.blocked) {
            tp.startBlocked = true;
            changed = true;
          }
          continue;
        }
        let fs0 = fsEdge;
        let plain = false;
        if (interleaved) {
          const node = tp.to ?? tp.from;
          const inst = node && e.first.children.find((i) => primitivesOf(i).some((p) => plans.get(p)?.to === node && !plans.get(p)?.unassigned));
          if (inst) fs0 = firstState(inst, plans);
          else {
            fs0 = { starts: false, canRun: false, name: `${e.first.id} running` };
            plain = true;
          }
        }
        const fs = fs0;
        if (!lead && !(!e.optional && !fs.canRun && tp.start && !tp.startBlocked && !tp.from)) continue;
        // A (non-interleaved) clone's "running" is required when an instance must start: on the then's
        // node for a primitive or group, anywhere for a clone; what stays in place after it restarts.
        // (with clone-min the then only needs enough instances able to run: it is not restarted)
        const enoughInstances = !!e.anyOf || fsEdge.name.startsWith("clone-one-or-more:");
        if (!interleaved && !enoughInstances && e.first.variant === "clone" && !e.optional && fs.canRun && lead && tp.from && tp.to === tp.from && !tp.start && !tp.startBlocked) {
          const node = tp.from;
          const required = primitivesOf(e.first).some((p) => {
            const pp = plans.get(p);
            return !!pp && (e.then.variant === "clone" ? pp.start && !pp.startBlocked : pp.to === node && (pp.start || pp.stop));
          });
          if (required) {
            tp.stop = true;
            tp.start = true;
            tp.restartReason = `${e.first.id} running`;
            changed = true;
            continue;
          }
        }
        const inClone = !!t.parent && (t.parent.variant === "clone" || t.parent.parent?.variant === "clone");
        const sameGroup = t.parent?.variant === "group" && e.first.parent === t.parent;
        if (fs.starts && (!e.optional || e.restartThen) && (e.first.variant !== "clone" || interleaved) && (!inClone || sameGroup || interleaved || (e.first.variant !== "clone" && e.then.variant === "clone")) && tp.from && tp.to === tp.from && !tp.start) {
          tp.stop = true;
          tp.start = true;
          tp.restartReason = fs.name;
          changed = true;
        } else if (e.optional) {
          continue;
        } else if (plain && !tp.from && tp.start) {
          // Pacemaker unassigns an instance no first instance shares a node with: it stays stopped, unlisted.
          tp.start = false;
          tp.to = undefined;
          changed = true;
        } else if (!fs.canRun && tp.start && !tp.startBlocked) {
          tp.startBlocked = true;
          tp.stopReason = `unrunnable ${fs.name}`;
          if (inClone && tp.from) tp.plainStop = true;
          changed = true;
        } else if (!fs.canRun && (e.symmetrical || (e.first.variant === "clone" && (e.then.variant !== "clone" || !!e.then.clone?.interleave))) && tp.from && !tp.stop && !t.blocked) {
          tp.stop = true;
          tp.start = !!tp.to;
          tp.startBlocked = true;
          // Down a group's chain the reason alternates between the previous member's start and stop (the
          // order in which Pacemaker's graph update reaches them), starting from how the chain began.
          const fp = sameGroup && e.first.variant === "primitive" ? plans.get(e.first) : undefined;
          if (fp && fp.chainParity !== undefined) {
            tp.stopReason = `required ${e.first.id} ${fp.chainParity === 1 ? "stop" : "start"}`;
            tp.chainParity = 1 - fp.chainParity;
          } else {
            // what runs with a container that is gone for good finds its start unrunnable, not required
            const required = fs.required && !(fs.gone && e.then.container === e.first);
            tp.stopReason = `${required ? "required" : "unrunnable"} ${fs.name}`;
            tp.chainParity = required ? 1 : 0;
          }
          // unassigned (see above): it stops for no reason it names, and is no first instance for what is
          // interleaved after it
          if (plain) tp.plainStop = tp.unassigned = true;
          changed = true;
        }
      }
    }
  }
}
