// Which actions can run. Pacemaker leaves out of the graph every required action that cannot run, and
// what such an action makes unrunnable through its orderings: a blocked resource's actions, the stops
// that must wait for its stop (the stops of what depends on it, which a stop ordering puts after its
// own), the starts of what had to stop first, and the recurring monitors and promotions after those
// starts. A sketch of its update_action() on the graph's working set, limited to these orderings.
import type { PrimitivePlan } from "./actions.js";
import type { Act, Model } from "./graph-model.js";
import type { Resource } from "./types.js";

const RESOURCE_TASKS = new Set(["stop", "start", "promote", "demote", "migrate_to", "migrate_from"]);

function seedUnrunnable(model: Model, plans: Map<Resource, PrimitivePlan>): Act[] {
  const out: Act[] = [];
  for (const a of model.acts) {
    const rsc = a.rsc;
    if (!rsc || rsc.variant !== "primitive" || !a.required || a.intervalMs !== 0 || !RESOURCE_TASKS.has(a.task)) continue;
    const plan = plans.get(rsc);
    const held = a.task === "stop" && !!plan?.stopHeld;
    if (rsc.blocked || held) out.push(a);
  }
  return out;
}

/** Whether an unrunnable required `first` makes `then` unrunnable through the ordering between them. */
function propagates(first: Act, then: Act): boolean {
  const frsc = first.rsc;
  const trsc = then.rsc;
  if (!frsc || !trsc || frsc.variant !== "primitive" || trsc.variant !== "primitive") return false;
  if (first.task === "stop" && then.task === "stop") return frsc !== trsc;
  if (frsc !== trsc) return false;
  if (first.task === "stop") return then.task === "start";
  if (first.task === "start") return then.task === "promote" || (then.intervalMs > 0 && then.task !== "cancel");
  if (first.task === "promote") return then.intervalMs > 0 && then.task !== "cancel";
  return false;
}

/** Marks the actions that cannot run as not required (they leave the graph). */
export function dropUnrunnable(model: Model, plans: Map<Resource, PrimitivePlan>): void {
  const queue = seedUnrunnable(model, plans);
  const unrunnable = new Set<Act>(queue);
  while (queue.length) {
    const first = queue.pop() as Act;
    for (const e of first.after) {
      const then = e.then;
      if (unrunnable.has(then) || !then.required || !propagates(first, then)) continue;
      unrunnable.add(then);
      queue.push(then);
    }
  }
  for (const a of unrunnable) a.required = false;
}
