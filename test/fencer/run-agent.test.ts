// runFenceAgent: program lookup, stdin options, deadlines that take the whole process group, output limits,
// and the installed fence_dummy.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { findFenceAgent, runFenceAgent } from "../../src/cluster/fencer/run-agent";
import { invocations, remove, tempDir, useFenceDir, writeFenceAgent } from "./helpers";

const FENCE_DUMMY = "/usr/sbin/fence_dummy";
const withFenceDummy = existsSync(FENCE_DUMMY) || process.env.CI ? test : test.skip;

/** Running (a zombie waiting for its reaper does not count). */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

/** Whether the process is gone within `ms`: a SIGKILL is delivered, not awaited, by kill(2). */
async function goneWithin(pid: number, ms = 2000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) if (!alive(pid)) return true;
  return !alive(pid);
}

describe("runFenceAgent", () => {
  const fenceDir = useFenceDir("fence_test");

  test("passes the options on stdin exactly, one key=value a line, never through a shell", async () => {
    const log = join(fenceDir.dir(), "plain.log");
    const args = { action: "off", nodename: "node2", port: "p 2", login: "$(touch /tmp/x); `id`", log };
    const r = await runFenceAgent({ device: "d1", agent: "fence_test", action: "off", target: "node2", args, timeoutMs: 5000 });
    expect(r).toMatchObject({ rc: 0, status: "done", reason: "" });
    expect(invocations(log)).toEqual([args]);
  });

  test("a failure's reason is the agent's last stderr line", async () => {
    const rcdir = join(fenceDir.dir(), "rc-fail");
    mkdirSync(rcdir);
    writeFileSync(join(rcdir, "reboot"), "1");
    const r = await runFenceAgent({ device: "d1", agent: "fence_test", action: "reboot", args: { action: "reboot", nodename: "node3", rcdir }, timeoutMs: 5000 });
    expect(r).toMatchObject({ rc: 1, status: "done", reason: "reboot failed for node3" });
    expect(r.stderr).toContain("some detail");
  });

  test("a missing agent is not installed, and a line break in an option is refused before anything runs", async () => {
    expect(await runFenceAgent({ device: "d", agent: "fence_missing", action: "off", args: { action: "off" }, timeoutMs: 1000 })).toMatchObject({
      rc: 5,
      status: "not-installed",
      reason: "fence_missing: No such file or directory",
    });
    expect((await runFenceAgent({ device: "d", agent: "../fence_test", action: "off", args: {}, timeoutMs: 1000 })).status).toBe("not-installed");
    const log = join(fenceDir.dir(), "never.log");
    const r = await runFenceAgent({ device: "d", agent: "fence_test", action: "off", args: { action: "off", port: "a\naction=reboot", log }, timeoutMs: 1000 });
    expect(r).toMatchObject({ rc: 1, status: "error" });
    expect(r.reason).toContain("line break");
    expect(existsSync(log)).toBe(false);
  });

  test("PCS_LITE_FENCE_DIR may list several directories, searched in order before /usr/sbin", () => {
    const other = tempDir();
    try {
      writeFenceAgent(other, "fence_only_there");
      writeFenceAgent(other, "fence_test");
      const env = { PCS_LITE_FENCE_DIR: `${fenceDir.dir()}:${other}` };
      expect(findFenceAgent("fence_only_there", env)).toBe(join(other, "fence_only_there"));
      expect(findFenceAgent("fence_test", env)).toBe(join(fenceDir.dir(), "fence_test"));
      expect(findFenceAgent("fence_nowhere", env)).toBeUndefined();
    } finally {
      remove(other);
    }
  });

  test("at its deadline the whole process group is killed, a child ignoring TERM included", async () => {
    const rcdir = join(fenceDir.dir(), "rc-slow");
    mkdirSync(rcdir);
    writeFileSync(join(rcdir, "ignore-term"), "");
    const t0 = Date.now();
    const r = await runFenceAgent({ device: "d", agent: "fence_test", action: "off", args: { action: "off", rcdir, sleep: "30" }, timeoutMs: 300 });
    const took = Date.now() - t0;
    expect(r).toMatchObject({ status: "timeout", rc: 1, reason: "Fence agent did not complete within 300ms" });
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(3000);
    const child = Number(readFileSync(join(rcdir, "child.pid"), "utf8"));
    expect(child).toBeGreaterThan(0);
    expect(await goneWithin(child)).toBe(true);
  });

  test("a cancelled run stops at once", async () => {
    const rcdir = join(fenceDir.dir(), "rc-cancel");
    mkdirSync(rcdir);
    const abort = new AbortController();
    const running = runFenceAgent({ device: "d", agent: "fence_test", action: "off", args: { action: "off", rcdir, sleep: "30" }, timeoutMs: 10000 }, abort.signal);
    setTimeout(() => abort.abort(), 100);
    const r = await running;
    expect(r).toMatchObject({ status: "error", reason: "Fence agent was cancelled" });
    expect(await goneWithin(Number(readFileSync(join(rcdir, "child.pid"), "utf8")))).toBe(true);
  });

  test("keeps at most 64 KiB of output", async () => {
    const path = join(fenceDir.dir(), "fence_chatty");
    writeFileSync(path, "#!/bin/sh\ncat >/dev/null\nhead -c 200000 /dev/zero | tr '\\0' x\n");
    chmodSync(path, 0o755);
    const r = await runFenceAgent({ device: "d", agent: "fence_chatty", action: "list", args: { action: "list" }, timeoutMs: 5000 });
    expect(r.rc).toBe(0);
    expect(r.stdout.length).toBe(64 * 1024);
  });

  withFenceDummy("runs the installed fence_dummy (fence-agents): status follows its status file through off and on", async () => {
    expect(existsSync(FENCE_DUMMY)).toBe(true);
    const status_file = join(fenceDir.dir(), "dummy.status");
    writeFileSync(status_file, "on");
    const run = (action: string) =>
      runFenceAgent({ device: "dummy", agent: "fence_dummy", action, target: "node2", args: { action, nodename: "node2", type: "file", status_file }, timeoutMs: 20000 });
    expect(await run("monitor")).toMatchObject({ rc: 0, status: "done" });
    expect(await run("status")).toMatchObject({ rc: 0, status: "done" });
    expect(await run("off")).toMatchObject({ rc: 0, status: "done" });
    expect(readFileSync(status_file, "utf8")).toBe("off");
    expect(await run("status")).toMatchObject({ rc: 2, status: "done" });
    expect(await run("on")).toMatchObject({ rc: 0 });
    expect(await run("status")).toMatchObject({ rc: 0 });
  });
});
