// "Executing Cluster Transition": the actions of the plan in a readable order (fencing, stops,
// starts, promotions). Approximate: the Transition Summary above it is the exact part.
import type { ScheduleOutput } from "../../scheduler/index.js";

export function transitionLines(result: ScheduleOutput): string[] {
  const out: string[] = [];
  for (const f of result.fencing) out.push(`  * Fencing ${f.node} (${f.action})`);
  const plans = [...result.plans.values()];
  const w = Math.max(15, ...plans.map((p) => p.rsc.id.length));
  const act = (id: string, text: string) => out.push(`  * Resource action: ${id.padEnd(w)} ${text}`);
  for (const p of plans) {
    if (p.rsc.role === "Promoted" && p.from && (p.stop || p.rsc.nextRole !== "Promoted")) act(p.rsc.id, `demote on ${p.from.uname}`);
  }
  for (const p of plans) if (p.stop && p.from) act(p.rsc.id, `stop on ${p.from.uname}`);
  for (const p of plans) if (p.start && !p.startBlocked && p.to) act(p.rsc.id, `start on ${p.to.uname}`);
  for (const p of plans) {
    if (p.to && p.rsc.nextRole === "Promoted" && (p.start || p.rsc.role !== "Promoted") && !p.startBlocked) act(p.rsc.id, `promote on ${p.to.uname}`);
  }
  return out;
}
