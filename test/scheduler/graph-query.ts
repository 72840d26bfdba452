// Questions tests ask of a transition graph: an action by "<operation key>@<node>", and whether one
// action must finish before another (directly or through any chain of inputs).
import type { GraphAction, TransitionGraph } from "../../src/scheduler/graph";

export const keyOf = (a: GraphAction): string => `${a.operationKey}@${a.node?.uname ?? ""}`;

export function find(g: TransitionGraph, key: string): GraphAction {
  const a = g.actions.find((x) => keyOf(x) === key);
  if (!a) throw new Error(`no ${key} in ${g.actions.map(keyOf).sort().join(", ")}`);
  return a;
}

/** Whether `first` must complete before `then`, directly or through other actions. */
export function before(g: TransitionGraph, first: string, then: string): boolean {
  const byId = new Map(g.actions.map((a) => [a.id, a]));
  const target = find(g, first).id;
  const seen = new Set<number>();
  const stack = [...find(g, then).inputs];
  while (stack.length) {
    const id = stack.pop() as number;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.inputs ?? []));
  }
  return false;
}
