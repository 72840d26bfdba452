// The installed resource-agents / pacemaker-resource-agents, unmodified, through the executor.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ExecRequest } from "../../src/agents/exec";
import { DUMMY, memoryAttributes, remove, STATEFUL, startExecutor, withInstalledAgents, type TestExecutor } from "./helpers";

describe("installed agents", () => {
  const started: TestExecutor[] = [];
  afterAll(async () => {
    await Promise.all(started.map((t) => t.executor.stop()));
    for (const t of started) remove(t.stateDir);
  });
  const requireAgents = () => {
    // under CI a missing package is a failure, not a skip
    expect(existsSync(DUMMY)).toBe(true);
    expect(existsSync(STATEFUL)).toBe(true);
  };
  const op = (agent: ExecRequest["agent"], rscId: string, action: string, meta: Record<string, string> = {}): ExecRequest => ({
    rscId,
    agent,
    action,
    timeoutMs: 20000,
    params: { crm_feature_set: "3.16.1" },
    meta: { timeout: "20000", ...meta },
  });

  withInstalledAgents("ocf:heartbeat:Dummy starts, monitors and stops, and two nodes on one host keep their own state", async () => {
    requireAgents();
    const dummy = { class: "ocf", provider: "heartbeat", type: "Dummy" };
    const a = startExecutor({ nodeName: "node1" });
    const b = startExecutor({ nodeName: "node2" });
    started.push(a, b);
    const run = (t: TestExecutor, action: string) => t.executor.run(op(dummy, "d1", action, { on_node: t === a ? "node1" : "node2" }));

    expect(await run(a, "monitor")).toMatchObject({ rc: 7, status: "done" });
    expect(await run(a, "start")).toMatchObject({ rc: 0, status: "done" });
    expect(existsSync(join(a.stateDir, "run/resource-agents/Dummy-d1.state"))).toBe(true);
    expect(await run(a, "monitor")).toMatchObject({ rc: 0 });
    expect(await run(b, "monitor")).toMatchObject({ rc: 7 });
    expect(existsSync(join(b.stateDir, "run/resource-agents/Dummy-d1.state"))).toBe(false);
    const metadata = await run(a, "meta-data");
    expect(metadata.rc).toBe(0);
    expect(metadata.stdout).toContain('<resource-agent name="Dummy"');
    expect(await run(a, "validate-all")).toMatchObject({ rc: 0 });
    expect(await run(a, "stop")).toMatchObject({ rc: 0 });
    const after = await run(a, "monitor");
    expect(after).toMatchObject({ rc: 7 });
  });

  withInstalledAgents("ocf:pacemaker:Stateful sets its promotion scores through the crm_attribute shim", async () => {
    requireAgents();
    const stateful = { class: "ocf", provider: "pacemaker", type: "Stateful" };
    const attrs = memoryAttributes("node1");
    const t = startExecutor({ nodeName: "node1", attributes: attrs.service });
    started.push(t);
    const meta = { on_node: "node1", clone: "0", clone_max: "3", promoted_max: "1", globally_unique: "false" };
    const run = (action: string, extra: Record<string, string> = {}) => t.executor.run(op(stateful, "st", action, { ...meta, ...extra }));

    expect(await run("monitor", { interval: "0" })).toMatchObject({ rc: 7 });
    expect(await run("start")).toMatchObject({ rc: 0, status: "done" });
    expect(attrs.get("node1", "master-st")).toBe("5");
    expect(await run("monitor", { interval: "10000" })).toMatchObject({ rc: 0 });
    expect(await run("promote")).toMatchObject({ rc: 0 });
    expect(attrs.get("node1", "master-st")).toBe("10");
    expect(await run("monitor", { interval: "10000" })).toMatchObject({ rc: 8 });
    expect(await run("demote")).toMatchObject({ rc: 0 });
    expect(attrs.get("node1", "master-st")).toBe("5");
    expect(await run("stop")).toMatchObject({ rc: 0 });
    expect(attrs.get("node1", "master-st")).toBeUndefined();
    expect(attrs.updates.map((u) => [u.name, u.value, u.lifetime])).toEqual([
      ["master-st", "5", "reboot"],
      ["master-st", "10", "reboot"],
      ["master-st", "5", "reboot"],
      ["master-st", undefined, "reboot"],
    ]);
  });
});
