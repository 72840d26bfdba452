// runStonithOperation: what the node's executor does for class=stonith primitives.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runStonithOperation } from "../../src/cluster/fencer/device-ops";
import { invocations, useFenceDir } from "./helpers";

const FENCE_DUMMY = "/usr/sbin/fence_dummy";
const withFenceDummy = existsSync(FENCE_DUMMY) || process.env.CI ? test : test.skip;

describe("stonith primitives in the executor", () => {
  const fenceDir = useFenceDir("fence_ops");
  const op = (action: "start" | "stop" | "monitor", params: Record<string, string>, agent = "fence_ops") => runStonithOperation({ rscId: "f1", agent, action, params, timeoutMs: 5000, retryPauseMs: 10 });

  test("start needs the agent installed, then monitors the device as Pacemaker's executor does", async () => {
    expect(await op("start", {}, "fence_absent")).toMatchObject({ rc: 5, status: "not-installed", exitReason: "fence agent not found" });
    const log = join(fenceDir.dir(), "start.log");
    expect(await op("start", { log, ip: "10.0.0.9", pcmk_host_list: "node1 node2" })).toMatchObject({ rc: 0, status: "done", exitReason: "" });
    expect(invocations(log)).toEqual([{ action: "monitor", log, ip: "10.0.0.9" }]);
  });

  test("stop runs nothing", async () => {
    const log = join(fenceDir.dir(), "stop.log");
    expect(await op("stop", { log }, "fence_absent")).toMatchObject({ rc: 0, status: "done" });
    expect(invocations(log)).toEqual([]);
  });

  test("monitor: pcmk_monitor_action, pcmk_monitor_timeout; pcmk_* never reach the agent; a failure is rc 1 with the agent's reason", async () => {
    const rcdir = join(fenceDir.dir(), "rc-mon");
    mkdirSync(rcdir);
    writeFileSync(join(rcdir, "status"), "1");
    const log = join(fenceDir.dir(), "mon.log");
    const r = await op("monitor", { log, rcdir, pcmk_monitor_action: "status", pcmk_monitor_retries: "1", pcmk_delay_max: "5s" });
    expect(r).toMatchObject({ rc: 1, status: "done", exitReason: "status failed for" });
    expect(invocations(log)).toEqual([{ action: "status", log, rcdir }]);

    const slow = join(fenceDir.dir(), "rc-slow");
    mkdirSync(slow);
    const t0 = Date.now();
    expect(await op("monitor", { rcdir: slow, sleep: "5", pcmk_monitor_timeout: "200ms" })).toMatchObject({ rc: 1, status: "timeout", exitReason: "Fence agent did not complete within 200ms" });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test("a failed monitor is tried again within its timeout", async () => {
    const rcdir = join(fenceDir.dir(), "rc-flaky");
    mkdirSync(rcdir);
    writeFileSync(join(rcdir, "monitor.once"), "1");
    const log = join(fenceDir.dir(), "flaky.log");
    expect(await op("monitor", { log, rcdir })).toMatchObject({ rc: 0 });
    expect(invocations(log).map((i) => i.action)).toEqual(["monitor", "monitor"]);
  });

  withFenceDummy("the installed fence_dummy starts and monitors", async () => {
    expect(existsSync(FENCE_DUMMY)).toBe(true);
    const status_file = join(fenceDir.dir(), "dummy.status");
    writeFileSync(status_file, "on");
    expect(await op("start", { type: "file", status_file, pcmk_host_list: "node1" }, "fence_dummy")).toMatchObject({ rc: 0, status: "done" });
    expect(await op("monitor", { type: "file", status_file }, "fence_dummy")).toMatchObject({ rc: 0 });
  });
});
