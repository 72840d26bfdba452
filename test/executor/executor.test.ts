import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readText, remove, request, sleep, startExecutor, tempDir, waitFor, writeAgent, type TestExecutor } from "./helpers";

describe("executor", () => {
  const root = tempDir();
  const started: TestExecutor[] = [];
  const start = (o: Parameters<typeof startExecutor>[0] = {}) => {
    const t = startExecutor({ ocfRoot: root, ...o });
    started.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(started.map((t) => t.executor.stop()));
    for (const t of started) remove(t.stateDir);
  });

  // logs "B <rsc> <action>" and "E <rsc> <action>" around a short sleep
  const log = join(root, "timeline.log");
  writeAgent(root, "slow", `echo "B $OCF_RESOURCE_INSTANCE $1" >> "$OCF_RESKEY_log"\nsleep 0.3\necho "E $OCF_RESOURCE_INSTANCE $1" >> "$OCF_RESKEY_log"\nexit 0`);

  test("operations on one resource run one at a time, in order", async () => {
    const { executor } = start();
    remove(log);
    const results = await Promise.all(["start", "monitor", "stop"].map((action) => executor.run(request("slow", action, { params: { log } }))));
    expect(results.map((r) => r.rc)).toEqual([0, 0, 0]);
    expect(readText(log).trim().split("\n")).toEqual(["B r1 start", "E r1 start", "B r1 monitor", "E r1 monitor", "B r1 stop", "E r1 stop"]);
    expect(results[2].queueTimeMs).toBeGreaterThanOrEqual(500);
  });

  test("different resources run side by side", async () => {
    const { executor } = start();
    remove(log);
    await Promise.all(["a", "b", "c"].map((rscId) => executor.run(request("slow", "start", { rscId, params: { log } }))));
    const lines = readText(log).trim().split("\n");
    expect(lines.slice(0, 3).every((l) => l.startsWith("B "))).toBe(true);
  });

  test("each node has its own HA_RSCTMP / HA_VARRUN, and HA_SBIN_DIR with the shims first on PATH", async () => {
    const out = join(root, "dirs.out");
    writeAgent(root, "dirs", `printf '%s\\n' "$HA_RSCTMP" "$HA_VARRUN" "$HA_SBIN_DIR" "$(command -v crm_attribute)" > "$OCF_RESKEY_out"`);
    const t = start();
    await t.executor.run(request("dirs", "start", { params: { out } }));
    const [rscTmp, varRun, sbin, crmAttribute] = readText(out).trim().split("\n");
    expect(rscTmp).toBe(join(t.stateDir, "run/resource-agents"));
    expect(varRun).toBe(join(t.stateDir, "run"));
    expect(sbin).toBe(t.sbinDir);
    expect(crmAttribute).toBe(join(t.sbinDir, "crm_attribute"));
    expect(statSync(rscTmp).isDirectory()).toBe(true);
    expect(statSync(join(t.stateDir, "attrd.sock")).mode & 0o777).toBe(0o600);
    expect(statSync(t.stateDir).mode & 0o777).toBe(0o700);
  });

  test("a recurring monitor reports its first result and then only changes", async () => {
    const rcFile = join(root, "monitor.rc");
    const runs = join(root, "monitor.runs");
    remove(runs);
    writeFileSync(rcFile, "0");
    writeAgent(root, "flappy", `echo x >> "$OCF_RESKEY_runs"\n[ -s "$OCF_RESKEY_rcfile" ] || exit 1\nexit $(cat "$OCF_RESKEY_rcfile")`);
    const t = start();
    const req = request("flappy", "monitor", { intervalMs: 100, params: { rcfile: rcFile, runs }, meta: { interval: "100" } });
    t.executor.startRecurring(req);
    await waitFor(() => readText(runs).split("\n").length > 5);
    expect(t.reports.map((r) => r.result.rc)).toEqual([0]);
    expect(t.executor.active()).toEqual([{ rscId: "r1", action: "monitor", intervalMs: 100 }]);
    writeFileSync(rcFile, "7");
    await waitFor(() => t.reports.length === 2);
    const before = readText(runs).split("\n").length;
    await waitFor(() => readText(runs).split("\n").length > before + 3);
    expect(t.reports.map((r) => r.result.rc)).toEqual([0, 7]);
    expect(t.reports[1].req).toBe(req);
    expect(t.executor.cancel("r1", "monitor", 100)).toBe(true);
    expect(t.executor.cancel("r1", "monitor", 100)).toBe(false);
    const after = readText(runs).split("\n").length;
    await sleep(350);
    expect(readText(runs).split("\n").length).toBeLessThanOrEqual(after + 1);
    expect(t.executor.active()).toEqual([]);
  });

  test("a stop cancels the resource's recurring operations first, in-flight ones included", async () => {
    const runs = join(root, "stop.runs");
    writeAgent(root, "longmon", `echo "$1" >> "$OCF_RESKEY_runs"\n[ "$1" = monitor ] && sleep 5\nexit 0`);
    const t = start();
    t.executor.startRecurring(request("longmon", "monitor", { intervalMs: 1000, params: { runs } }));
    t.executor.startRecurring(request("longmon", "monitor", { rscId: "other", intervalMs: 1000, params: { runs } }));
    await waitFor(() => readText(runs).split("\n").length > 2);
    const t0 = Date.now();
    const stop = await t.executor.run(request("longmon", "stop", { params: { runs } }));
    expect(stop.rc).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(t.executor.active()).toEqual([{ rscId: "other", action: "monitor", intervalMs: 1000 }]);
    expect(t.reports).toEqual([]);
    t.executor.cancelAll("other");
    expect(t.executor.active()).toEqual([]);
  });

  test("a timed-out operation does not block the resource's queue", async () => {
    writeAgent(root, "hang", `[ "$1" = start ] && sleep 30\nexit 0`);
    const { executor, events } = start();
    const [first, second] = await Promise.all([executor.run(request("hang", "start", { timeoutMs: 500 })), executor.run(request("hang", "stop"))]);
    expect(first).toMatchObject({ status: "timeout", rc: 1 });
    expect(second).toMatchObject({ status: "done", rc: 0 });
    expect(events.some((e) => e.event === "executor.op" && (e.data as { status: string }).status === "timeout")).toBe(true);
  });

  test("stop() cancels recurring work, waits for what runs, and refuses new work", async () => {
    const t = start();
    t.executor.startRecurring(request("slow", "monitor", { intervalMs: 50, params: { log } }));
    const pending = t.executor.run(request("slow", "start", { rscId: "x", params: { log } }));
    await t.executor.stop();
    expect((await pending).rc).toBe(0);
    expect(t.executor.active()).toEqual([]);
    expect(await t.executor.run(request("slow", "start", { params: { log } }))).toMatchObject({ status: "error" });
  });
});
