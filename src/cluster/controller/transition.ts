// Running one transition graph, as Pacemaker's controller does: every action whose inputs are all
// confirmed is started (at most batch-limit at a time), pseudo events confirm as soon as they are
// ready, and an abort stops new actions from starting while the running ones finish. No action is
// ever sent twice.
import type { GraphAction, TransitionGraph } from "../../scheduler/graph-types.js";

export type ActionOutcome = "confirmed" | "failed";

export interface TransitionRun {
  readonly id: number;
  /** Settles when nothing is running any more: every action confirmed, or aborted and drained. */
  readonly done: Promise<TransitionSummary>;
  abort(reason: string): void;
  inFlight(): number;
}

export interface TransitionSummary {
  id: number;
  completed: boolean;
  abortReason?: string;
  confirmed: number;
  failed: number;
  skipped: number;
}

export interface TransitionOptions {
  id: number;
  graph: TransitionGraph;
  batchLimit: number;
  /** Execute one non-pseudo action; "failed" when the result was not the expected one (which aborts). */
  execute(action: GraphAction, transitionId: number): Promise<ActionOutcome>;
}

export function runTransition(options: TransitionOptions): TransitionRun {
  const { graph, id } = options;
  const limit = options.batchLimit > 0 ? options.batchLimit : Number.POSITIVE_INFINITY;
  const byId = new Map(graph.actions.map((a) => [a.id, a]));
  const dependents = new Map<number, GraphAction[]>();
  const waitingOn = new Map<number, number>();
  for (const a of graph.actions) {
    const inputs = a.inputs.filter((i) => byId.has(i));
    waitingOn.set(a.id, inputs.length);
    for (const i of inputs) {
      const list = dependents.get(i) ?? [];
      list.push(a);
      dependents.set(i, list);
    }
  }
  const ready: GraphAction[] = graph.actions.filter((a) => waitingOn.get(a.id) === 0);
  const started = new Set<number>();
  let running = 0;
  let confirmed = 0;
  let failed = 0;
  let abortReason: string | undefined;
  let settle: (s: TransitionSummary) => void = () => undefined;
  const done = new Promise<TransitionSummary>((resolve) => (settle = resolve));
  let settled = false;

  const finishIfIdle = () => {
    if (settled || running > 0) return;
    if (abortReason === undefined && ready.length) return;
    settled = true;
    const completed = abortReason === undefined && confirmed === graph.actions.length;
    settle({ id, completed, abortReason: completed ? undefined : (abortReason ?? "graph stalled"), confirmed, failed, skipped: graph.actions.length - confirmed - failed });
  };

  const confirm = (a: GraphAction) => {
    confirmed++;
    for (const d of dependents.get(a.id) ?? []) {
      const left = (waitingOn.get(d.id) ?? 1) - 1;
      waitingOn.set(d.id, left);
      if (left === 0) ready.push(d);
    }
  };

  const pump = () => {
    while (abortReason === undefined && ready.length) {
      const pseudo = ready.findIndex((a) => a.kind === "pseudo_event");
      if (pseudo >= 0) {
        const [a] = ready.splice(pseudo, 1);
        started.add(a.id);
        confirm(a);
        continue;
      }
      if (running >= limit) break;
      const a = ready.shift()!;
      if (started.has(a.id)) continue;
      started.add(a.id);
      running++;
      options.execute(a, id).then(
        (outcome) => {
          running--;
          if (outcome === "confirmed") confirm(a);
          else {
            failed++;
            abortReason ??= `${a.operationKey} on ${a.node?.uname ?? "?"} failed`;
          }
          pump();
        },
        (e: unknown) => {
          running--;
          failed++;
          abortReason ??= `${a.operationKey} on ${a.node?.uname ?? "?"}: ${(e as Error).message}`;
          pump();
        },
      );
    }
    finishIfIdle();
  };
  queueMicrotask(pump);

  return {
    id,
    done,
    abort(reason) {
      abortReason ??= reason;
      finishIfIdle();
    },
    inFlight: () => running,
  };
}
