import { runTransition } from "../../src/cluster/controller/transition";
import type { GraphAction, TransitionGraph } from "../../src/scheduler/graph-types";

const op = (id: number, key: string, inputs: number[] = [], kind: GraphAction["kind"] = "rsc_op"): GraphAction => ({
  id,
  kind,
  task: key.split("_")[1],
  operationKey: key,
  node: kind === "pseudo_event" ? undefined : { uname: "n1", id: "1" },
  rsc: kind === "pseudo_event" ? undefined : { id: key.split("_")[0], class: "ocf", provider: "heartbeat", type: "Dummy" },
  intervalMs: 0,
  targetRc: 0,
  attributes: {},
  inputs,
});

const graph = (actions: GraphAction[]): TransitionGraph => ({ options: {}, actions });

function deferred() {
  let resolve!: (v: "confirmed" | "failed") => void;
  const promise = new Promise<"confirmed" | "failed">((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("transition runner", () => {
  test("runs an action only once its inputs are confirmed, pseudo events in between", async () => {
    const order: string[] = [];
    const g = graph([op(0, "a_start_0"), op(1, "grp_running_0", [0], "pseudo_event"), op(2, "b_start_0", [1]), op(3, "c_start_0")]);
    const run = runTransition({ id: 7, graph: g, batchLimit: 0, execute: async (a) => (order.push(a.operationKey), "confirmed") });
    const s = await run.done;
    expect(s).toMatchObject({ id: 7, completed: true, confirmed: 4, failed: 0 });
    expect(order.indexOf("b_start_0")).toBeGreaterThan(order.indexOf("a_start_0"));
    expect(order).not.toContain("grp_running_0");
  });

  test("batch-limit caps the actions in flight; none is sent twice", async () => {
    const pending = new Map<string, ReturnType<typeof deferred>>();
    const sent: string[] = [];
    const g = graph([op(0, "a_start_0"), op(1, "b_start_0"), op(2, "c_start_0")]);
    const run = runTransition({
      id: 1,
      graph: g,
      batchLimit: 2,
      execute: (a) => {
        sent.push(a.operationKey);
        const d = deferred();
        pending.set(a.operationKey, d);
        return d.promise;
      },
    });
    await tick();
    expect(run.inFlight()).toBe(2);
    pending.get("a_start_0")!.resolve("confirmed");
    await tick();
    expect(sent).toEqual(["a_start_0", "b_start_0", "c_start_0"]);
    pending.get("b_start_0")!.resolve("confirmed");
    pending.get("c_start_0")!.resolve("confirmed");
    expect((await run.done).completed).toBe(true);
  });

  test("a failed action aborts: what depends on it never runs, running actions drain", async () => {
    const sent: string[] = [];
    const g = graph([op(0, "a_start_0"), op(1, "b_start_0", [0]), op(2, "c_start_0")]);
    const run = runTransition({ id: 2, graph: g, batchLimit: 0, execute: async (a) => (sent.push(a.operationKey), a.operationKey === "a_start_0" ? "failed" : "confirmed") });
    const s = await run.done;
    expect(sent).not.toContain("b_start_0");
    expect(s.completed).toBe(false);
    expect(s.abortReason).toMatch(/a_start_0 on n1 failed/);
  });

  test("abort from outside waits for the actions in flight, starts nothing new", async () => {
    const d = deferred();
    const sent: string[] = [];
    const g = graph([op(0, "a_start_0"), op(1, "b_start_0", [0])]);
    const run = runTransition({ id: 3, graph: g, batchLimit: 0, execute: (a) => (sent.push(a.operationKey), d.promise) });
    await tick();
    run.abort("configuration change");
    let settled = false;
    void run.done.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    d.resolve("confirmed");
    const s = await run.done;
    expect(sent).toEqual(["a_start_0"]);
    expect(s.abortReason).toBe("configuration change");
  });

  test("an empty graph completes at once", async () => {
    expect((await runTransition({ id: 4, graph: graph([]), batchLimit: 0, execute: async () => "confirmed" }).done).completed).toBe(true);
  });
});
