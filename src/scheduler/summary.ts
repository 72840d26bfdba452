// The Transition Summary: one line per resource change, worded and laid out as crm_simulate does.
import { primitivesOf } from "./assign.js";
import type { PrimitivePlan } from "./actions.js";
import type { Cluster, Fencing, Resource, Role, SummaryLine } from "./types.js";

function roleLabel(rsc: Resource, role: Role): string {
  return role === "Promoted" || role === "Unpromoted" ? `${role} ` : "";
}

const ROLE_RANK: Record<Role, number> = { Stopped: 0, Started: 1, Unpromoted: 2, Promoted: 3 };

/** How a move reads (rsc_action_item): the roles of a promotable instance are shown, both when they differ. */
function moveDetail(cur: Role, next: Role, from: string, to: string): string {
  const needRole = ROLE_RANK[cur] > ROLE_RANK.Started || ROLE_RANK[next] > ROLE_RANK.Unpromoted;
  if (cur === next) return needRole ? `${from} -> ${to} ${cur}` : `${from} -> ${to}`;
  return `${cur} ${from} -> ${next} ${to}`;
}

function lineFor(plan: PrimitivePlan, _cluster: Cluster): SummaryLine | undefined {
  const { rsc, from, to } = plan;
  const cur = rsc.running.length ? rsc.role : "Stopped";
  const next = to ? rsc.nextRole : "Stopped";
  const id = rsc.id;
  const stopReason = (): string | undefined => {
    if (plan.plainStop) return undefined;
    if (plan.stopReason) return `due to ${plan.stopReason}`;
    return "due to node availability";
  };
  if (plan.stopBlocked && from) return { action: "Stop", rsc: id, detail: `${roleLabel(rsc, cur)}${from.uname}`, reason: plan.stopBlockedReason ? `due to ${plan.stopBlockedReason} (blocked)` : "blocked" };
  // a migration that continues one under way leaves the resource active on both ends until it ends
  if (plan.partial && from && to) return { action: "Migrate", rsc: id, detail: `${from.uname} -> ${to.uname}` };
  if (rsc.running.length > 1 && plan.stop) {
    if (!to) return undefined; // one Stop line per node, added by summarize()
    // the restart cannot start: crm_simulate shows the stop on the current (first) node only
    if (plan.startBlocked && from) return { action: "Stop", rsc: id, detail: `${roleLabel(rsc, cur)}${from.uname}`, reason: stopReason() };
    if (to === from) return { action: rsc.failed ? "Recover" : "Restart", rsc: id, detail: `${roleLabel(rsc, next)}${to.uname}` };
    // with multiple-active=stop_unexpected the stop where it does not belong names why
    const unexpected = rsc.meta.get("multiple-active") === "stop_unexpected" ? "due to being multiply active" : undefined;
    return { action: rsc.failed ? "Recover" : "Move", rsc: id, detail: `${from?.uname} -> ${to.uname}`, reason: unexpected };
  }
  if (!from) {
    if (!to) return undefined;
    // A blocked promotion of a new instance: the promote action carries no reason of its own unless a
    // colocation blocked it.
    if (plan.startBlocked && next === "Promoted") {
      const reason = plan.stopReason?.startsWith("colocation with ") ? `due to ${plan.stopReason} (blocked)` : "blocked";
      return { action: "Promote", rsc: id, detail: `Stopped -> Promoted ${to.uname}`, reason };
    }
    if (plan.startBlocked) return { action: "Start", rsc: id, detail: to.uname, reason: plan.stopReason ? `due to ${plan.stopReason} (blocked)` : "blocked" };
    if (next === "Promoted") return { action: "Promote", rsc: id, detail: `Stopped -> Promoted ${to.uname}` };
    return { action: "Start", rsc: id, detail: to.uname };
  }
  if (!to || (plan.startBlocked && plan.stop)) {
    if (!plan.stop) return undefined;
    // the stop's own reason (what holds it) comes before the start's
    const reason = plan.stopHeld && plan.heldBy && to ? `due to ${plan.heldBy}` : stopReason();
    const held = plan.stopHeld ? (reason ? `${reason} (blocked)` : "blocked") : reason;
    // the role is shown when the current one is above started or the next one is promoted
    const label = next === "Promoted" ? `${cur} ` : roleLabel(rsc, cur);
    return { action: "Stop", rsc: id, detail: `${label}${from.uname}`, reason: held };
  }
  if (to !== from) {
    if (!plan.stop && !plan.start) return undefined;
    // a migration's line gives its start's reason: a changed definition forces that start
    if (plan.migrate) return { action: "Migrate", rsc: id, detail: `${from.uname} -> ${to.uname}`, reason: rsc.definitionChanged ? "due to resource definition change" : undefined };
    // A move whose stop waits for a blocked resource's stop goes nowhere: a blocked stop.
    if (plan.stopHeld && plan.heldBy) return { action: "Stop", rsc: id, detail: `${roleLabel(rsc, cur)}${from.uname}`, reason: `due to ${plan.heldBy} (blocked)` };
    const fencedForOther = from.unclean && from.fenceReason !== `${rsc.id} failed there`;
    const action = rsc.failed && (!fencedForOther || rsc.guestFenced) ? "Recover" : "Move";
    return { action, rsc: id, detail: moveDetail(cur, next, from.uname, to.uname) };
  }
  // A restart whose stop waits for a blocked resource's stop cannot start either: a blocked stop.
  if (plan.stop && plan.start && plan.stopHeld && plan.heldBy) return { action: "Stop", rsc: id, detail: `${roleLabel(rsc, cur)}${from.uname}`, reason: `due to ${plan.heldBy} (blocked)` };
  if (plan.stop && plan.start) {
    const roles = cur !== next ? `${cur} -> ${next} ${to.uname}` : `${roleLabel(rsc, next)}${to.uname}`;
    if (rsc.failed) return { action: "Recover", rsc: id, detail: roles };
    const reason = plan.definitionChange ? "due to resource definition change" : plan.restartReason ? `due to required ${plan.restartReason}` : undefined;
    return { action: "Restart", rsc: id, detail: roles, reason };
  }
  if (cur !== next) {
    if (next === "Promoted") return { action: "Promote", rsc: id, detail: `${cur} -> Promoted ${to.uname}` };
    if (cur === "Promoted") return { action: "Demote", rsc: id, detail: `Promoted -> ${next} ${to.uname}` };
  }
  if (plan.reload) return { action: "Reload", rsc: id, detail: `${roleLabel(rsc, next)}${to.uname}` };
  return undefined;
}

export function summarize(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): SummaryLine[] {
  const out: SummaryLine[] = [];
  const visit = (r: Resource) => {
    for (const p of r.variant === "primitive" ? [r] : []) {
      const plan = plans.get(p);
      const line = plan && lineFor(plan, cluster);
      if (line) out.push(line);
      else if (plan && plan.stop && !plan.to && p.running.length > 1) {
        const reason = plan.stopReason ? `due to ${plan.stopReason}` : "due to node availability";
        for (const n of p.running) out.push({ action: "Stop", rsc: p.id, detail: `${roleLabel(p, p.role)}${n.uname}`, reason });
      }
    }
    if (r.variant !== "primitive") r.children.forEach(visit);
  };
  cluster.resources.forEach(visit);
  void primitivesOf;
  return out;
}

/** Pads action names and resource ids to the longest, as crm_simulate's summary does. */
export function formatSummary(lines: SummaryLine[], fencing: Fencing[]): string[] {
  const out = fencing.map((f) => `  * Fence (${f.action}) ${f.node}${f.guestOf ? ` (resource: ${f.guestOf})` : ""} '${f.reason}'`);
  const aw = Math.max(0, ...lines.map((l) => l.action.length));
  const rw = Math.max(0, ...lines.map((l) => l.rsc.length));
  const dw = Math.max(0, ...lines.map((l) => l.detail.length));
  for (const l of lines) {
    const detail = l.detail.padStart(dw);
    const text = `  * ${l.action.padEnd(Math.max(aw, 10))} ${l.rsc.padEnd(rw)}   ( ${detail} )`;
    out.push(l.reason ? `${text}  ${l.reason}` : text);
  }
  return out;
}
