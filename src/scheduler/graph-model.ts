// The working set of the graph phase: every action the scheduler considers (required ones go into
// the graph, optional ones only carry orderings through, as in Pacemaker), and the orderings
// between them. Indexed by resource and by key so that ordering stays linear.
import type { GraphActionKind } from "./graph-types.js";
import type { Resource, SchedNode } from "./types.js";

export interface Act {
  idx: number;
  /** Operation key: "<rsc>_<task>_<interval>" (stonith: "stonith-<node>-<action>"). */
  key: string;
  task: string;
  kind: GraphActionKind;
  rsc?: Resource;
  node?: SchedNode;
  /** Goes into the graph (Pacemaker: not optional and runnable). */
  required: boolean;
  intervalMs: number;
  targetRc: number;
  /** Extra attributes (CRM_meta_*) beyond those every action of the resource carries. */
  meta: Record<string, string>;
  after: Edge[];
  before: Edge[];
  downed?: string[];
}

export interface Edge {
  first: Act;
  then: Act;
  /** Pacemaker's pe_order_implies_then: a required first makes the then required (restarts). */
  impliesThen: boolean;
  /** Orderings that only hold between actions on the same node (probe -> stop of a follower). */
  sameNode?: boolean;
}

export interface Model {
  acts: Act[];
  byRsc: Map<Resource, Act[]>;
  add(a: Omit<Act, "idx" | "after" | "before" | "meta" | "intervalMs" | "targetRc"> & Partial<Pick<Act, "meta" | "intervalMs" | "targetRc">>): Act;
  /** Actions of a resource with a task (any node unless given). */
  find(rsc: Resource, task: string, node?: SchedNode): Act[];
  order(first: Act | undefined, then: Act | undefined, impliesThen?: boolean): void;
  /** Every action of `first` with `firstTask` before every action of `then` with `thenTask`. */
  orderRsc(first: Resource, firstTask: string, then: Resource, thenTask: string, impliesThen?: boolean): void;
}

export function newModel(): Model {
  const acts: Act[] = [];
  const byRsc = new Map<Resource, Act[]>();
  const edgeKeys = new Set<number>();
  const model: Model = {
    acts,
    byRsc,
    add(a) {
      const act: Act = { meta: {}, intervalMs: 0, targetRc: 0, ...a, idx: acts.length, after: [], before: [] };
      acts.push(act);
      if (act.rsc) {
        const list = byRsc.get(act.rsc);
        if (list) list.push(act);
        else byRsc.set(act.rsc, [act]);
      }
      return act;
    },
    find(rsc, task, node) {
      return (byRsc.get(rsc) ?? []).filter((a) => a.task === task && a.intervalMs === 0 && (!node || a.node === node));
    },
    order(first, then, impliesThen = false) {
      if (!first || !then || first === then) return;
      const k = first.idx * 4194304 + then.idx;
      if (edgeKeys.has(k)) {
        if (impliesThen) for (const e of first.after) if (e.then === then) e.impliesThen = true;
        return;
      }
      edgeKeys.add(k);
      const e: Edge = { first, then, impliesThen };
      first.after.push(e);
      then.before.push(e);
    },
    orderRsc(first, firstTask, then, thenTask, impliesThen = false) {
      const firsts = model.find(first, firstTask);
      if (!firsts.length) return;
      const thens = model.find(then, thenTask);
      for (const f of firsts) for (const t of thens) model.order(f, t, impliesThen);
    },
  };
  return model;
}

/** The task of a collective resource that marks an action complete (an ordering's first side waits for it). */
export function completedTask(rsc: Resource, task: string): string {
  if (rsc.variant === "primitive") return task;
  return { start: "running", stop: "stopped", promote: "promoted", demote: "demoted" }[task] ?? task;
}

export const inverseTask = (task: string): string | undefined =>
  ({ start: "stop", stop: "start", promote: "demote", demote: "promote", running: "stopped", stopped: "running", promoted: "demoted", demoted: "promoted" })[task];
