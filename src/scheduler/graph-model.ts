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
  /** A start that cannot run (Pacemaker: not runnable), told apart from one not needed. */
  unrunnable?: boolean;
  intervalMs: number;
  targetRc: number;
  /** Extra attributes (CRM_meta_*) beyond those every action of the resource carries. */
  meta: Record<string, string>;
  /** Read-only for callers (the model's order() replaces a shared empty array on the first edge). */
  after: Edge[];
  before: Edge[];
  downed?: string[];
  /** A recurring operation ordered on its own, not by the role changes of its resource: a cancellation
   * that waits for the stop on its node (orphaned or maintenance-mode operations), or a monitor of the
   * Stopped role and its cancellation. */
  afterStop?: boolean;
  /** Pacemaker's action priority (INFINITY for post notifications): the synapse's priority. */
  priority?: number;
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
  /** Non-recurring actions of a resource with a task (any node unless given). The array is the
   * model's own: callers must not change it, and actions added later may appear in it. */
  find(rsc: Resource, task: string, node?: SchedNode): Act[];
  order(first: Act | undefined, then: Act | undefined, impliesThen?: boolean): void;
  /** Every action of `first` with `firstTask` before every action of `then` with `thenTask`. */
  orderRsc(first: Resource, firstTask: string, then: Resource, thenTask: string, impliesThen?: boolean): void;
}

const NONE: readonly Act[] = Object.freeze([]) as readonly Act[];
// Most actions are probes with one successor and no predecessor: edge lists start as this shared
// empty array and get their own on the first edge, sparing a retained array per action.
const NO_EDGES: readonly Edge[] = Object.freeze([]) as readonly Edge[];
/** Past this many edges an action keeps a set of its successors, so that deduplication stays O(1). */
const LINEAR_EDGES = 8;

export function newModel(): Model {
  const acts: Act[] = [];
  const byRsc = new Map<Resource, Act[]>();
  // Non-recurring actions by resource and task: what find() answers (most orderings ask it).
  const byTask = new Map<Resource, Map<string, Act[]>>();
  const successors = new Map<Act, Map<Act, Edge>>();
  // (an action has its successor index exactly when it has more than LINEAR_EDGES successors)
  const edgeBetween = (first: Act, then: Act): Edge | undefined => {
    if (first.after.length > LINEAR_EDGES) return successors.get(first)?.get(then);
    for (const e of first.after) if (e.then === then) return e;
    return undefined;
  };
  const model: Model = {
    acts,
    byRsc,
    add(a) {
      // Spelled out rather than spread: every action then has the same shape, and this runs once per action.
      const act: Act = {
        idx: acts.length,
        key: a.key,
        task: a.task,
        kind: a.kind,
        rsc: a.rsc,
        node: a.node,
        required: a.required,
        unrunnable: undefined,
        intervalMs: a.intervalMs ?? 0,
        targetRc: a.targetRc ?? 0,
        meta: a.meta ?? {},
        after: NO_EDGES as Edge[],
        before: NO_EDGES as Edge[],
        downed: a.downed,
        priority: a.priority,
        afterStop: a.afterStop,
      };
      acts.push(act);
      const rsc = act.rsc;
      if (rsc) {
        const list = byRsc.get(rsc);
        if (list) list.push(act);
        else byRsc.set(rsc, [act]);
        if (act.intervalMs === 0) {
          let tasks = byTask.get(rsc);
          if (!tasks) byTask.set(rsc, (tasks = new Map()));
          const same = tasks.get(act.task);
          if (same) same.push(act);
          else tasks.set(act.task, [act]);
        }
      }
      return act;
    },
    find(rsc, task, node) {
      const all = byTask.get(rsc)?.get(task) ?? (NONE as Act[]);
      return node ? all.filter((a) => a.node === node) : all;
    },
    order(first, then, impliesThen = false) {
      if (!first || !then || first === then) return;
      const known = edgeBetween(first, then);
      if (known) {
        if (impliesThen) known.impliesThen = true;
        return;
      }
      const e: Edge = { first, then, impliesThen };
      if (first.after === NO_EDGES) first.after = [e];
      else first.after.push(e);
      if (then.before === NO_EDGES) then.before = [e];
      else then.before.push(e);
      const edges = first.after.length;
      if (edges > LINEAR_EDGES + 1) successors.get(first)?.set(then, e);
      else if (edges > LINEAR_EDGES) successors.set(first, new Map(first.after.map((x) => [x.then, x])));
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
