// The fencing commands without a cluster: the history rendered as stonith_admin 2.1.5 and crm_mon 2.1.5
// print it (from constructed entries), and what pcs 0.11.5 answers before it would ask the cluster:
// -f refused, argument errors, the --force question; stonith status on a CIB file against the real pcs.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FenceHistoryEntry } from "../../src/cluster/fencer/types";
import {
  describeFenceEvent,
  fenceFailureText,
  laterSucceeded,
  pacemakerTime,
  reduceHistory,
  sortHistory,
  statusFencingLines,
  stonithAdminHistoryLines,
  stonithAdminLatestLines,
} from "../../src/status/fence-history";
import { cibSession, haveTool, runPcs, tempDir } from "../helpers/cli";

const T0 = Date.UTC(2026, 11, 6, 20, 40, 22); // 2026-12-06 20:40:22 UTC

let seq = 0;
const entry = (over: Partial<FenceHistoryEntry>): FenceHistoryEntry => ({
  id: `op-${++seq}`,
  target: "node2",
  action: "reboot",
  origin: "node1",
  client: "pacemaker-controld.1234",
  delegate: "node1",
  state: "done",
  requestedAt: T0 - 5000,
  completedAt: T0,
  ...over,
});

/** Entries are shown in local time; the zone handling itself is tested with explicit offsets below. */
const local = (ms: number) => pacemakerTime(ms);

describe("times as crm_time_as_string prints them", () => {
  test("UTC gets a Z, other zones their offset", () => {
    expect(pacemakerTime(T0, 0)).toBe("2026-12-06 20:40:22Z");
    expect(pacemakerTime(T0, 60)).toBe("2026-12-06 21:40:22 +01:00");
    expect(pacemakerTime(T0 + 999, 330)).toBe("2026-12-07 02:10:22 +05:30");
    expect(pacemakerTime(T0, -210)).toBe("2026-12-06 17:10:22 -03:30");
    expect(pacemakerTime(T0)).toBe(pacemakerTime(T0, -new Date(T0).getTimezoneOffset()));
  });
});

describe("one entry in Pacemaker's words", () => {
  test("technical (stonith_admin --verbose, crm_mon --show-detail)", () => {
    expect(describeFenceEvent(entry({}), { full: true, detail: true })).toBe(
      `reboot of node2 successful: delegate=node1, client=pacemaker-controld.1234, origin=node1, completed='${local(T0)}'`,
    );
    const failed = entry({ state: "failed", exitReason: "agent said no", action: "off" });
    expect(describeFenceEvent(failed, { full: false, detail: true, laterSucceeded: "node3" })).toBe(
      "turning off of node2 failed (agent said no): delegate=node1, client=pacemaker-controld.1234, origin=node1, " +
        `last-failed='${local(T0)}' (a later attempt from node3 succeeded)`,
    );
    expect(describeFenceEvent(entry({ state: "pending", action: "on", delegate: undefined, completedAt: undefined }), { full: true, detail: true })).toBe(
      "unfencing of node2 pending: client=pacemaker-controld.1234, origin=node1",
    );
    expect(describeFenceEvent(entry({}), { full: false, detail: true })).toContain(`, last-successful='${local(T0)}'`);
  });

  test("friendly (crm_mon without --show-detail)", () => {
    expect(describeFenceEvent(entry({ state: "failed" }), { full: false, detail: false })).toBe(
      `reboot of node2 by node1 for pacemaker-controld.1234@node1 last failed at ${local(T0)}`,
    );
    expect(describeFenceEvent(entry({ state: "pending" }), { full: false, detail: false })).toBe(
      "reboot of node2 for pacemaker-controld.1234@node1 last pending",
    );
    expect(describeFenceEvent(entry({ state: "done", client: "stonith_admin.77" }), { full: true, detail: false })).toBe(
      `reboot of node2 by node1 for stonith_admin.77@node1 successful at ${local(T0)}`,
    );
  });
});

describe("history order and condensing", () => {
  const old = entry({ completedAt: T0 - 60000 });
  const failedOld = entry({ state: "failed", completedAt: T0 - 30000 });
  const pending = entry({ state: "pending", completedAt: undefined, delegate: undefined });
  const recent = entry({ completedAt: T0 });

  test("pending first, then the most recently completed", () => {
    expect(sortHistory([old, recent, pending, failedOld]).map((e) => e.id)).toEqual([pending.id, recent.id, failedOld.id, old.id]);
  });

  test("crm_mon keeps the latest of each target, action and result", () => {
    const failedElsewhere = entry({ state: "failed", delegate: "node3", completedAt: T0 - 40000 });
    const failedAgain = entry({ state: "failed", completedAt: T0 - 50000 });
    const reduced = reduceHistory(sortHistory([old, recent, failedOld, failedElsewhere, failedAgain, pending]));
    expect(reduced.map((e) => e.id)).toEqual([pending.id, recent.id, failedOld.id, failedElsewhere.id]);
  });

  test("a failure followed by a success names the node that succeeded", () => {
    const sorted = sortHistory([failedOld, recent]);
    expect(laterSucceeded(failedOld, sorted)).toBe("node1");
    const afterIt = entry({ state: "failed", completedAt: T0 + 1000 });
    expect(laterSucceeded(afterIt, sortHistory([afterIt, recent]))).toBeUndefined();
    const byOther = entry({ state: "failed", delegate: "node3", completedAt: T0 - 1 });
    expect(laterSucceeded(byOther, [recent, byOther])).toBe("node1");
    expect(laterSucceeded(entry({ state: "failed", target: "node3" }), sorted)).toBeUndefined();
  });
});

describe("stonith_admin --history", () => {
  test("--verbose: every operation, then the count", () => {
    expect(stonithAdminHistoryLines([])).toEqual(["0 events found"]);
    const done = entry({ client: "stonith_admin.42" });
    expect(stonithAdminHistoryLines([done])).toEqual([
      `reboot of node2 successful: delegate=node1, client=stonith_admin.42, origin=node1, completed='${local(T0)}'`,
      "1 event found",
    ]);
    const failed = entry({ state: "failed", completedAt: T0 - 1000, exitReason: "timed out" });
    expect(stonithAdminHistoryLines([failed, done])).toEqual([
      `reboot of node2 successful: delegate=node1, client=stonith_admin.42, origin=node1, completed='${local(T0)}'`,
      "reboot of node2 failed (timed out): delegate=node1, client=pacemaker-controld.1234, origin=node1, " +
        `completed='${local(T0 - 1000)}' (a later attempt from node1 succeeded)`,
      "2 events found",
    ]);
  });

  test("--broadcast without --verbose: the last success of the list (Pacemaker's: the oldest)", () => {
    expect(stonithAdminLatestLines([entry({ state: "failed" })])).toEqual(["0 events found"]);
    const newer = entry({ target: "node3" });
    const older = entry({ completedAt: T0 - 3600_000 });
    expect(stonithAdminLatestLines([newer, older])).toEqual([
      `reboot of node2 successful: delegate=node1, client=pacemaker-controld.1234, origin=node1, last-successful='${local(T0 - 3600_000)}'`,
      "1 event found",
    ]);
  });

  test("a failed fencing as stonith_admin -B reports it", () => {
    expect(fenceFailureText("node3", { action: "reboot" })).toBe("stonith_admin: Couldn't fence node3: No data available");
    expect(fenceFailureText("node3", { action: "off", exitReason: "failing on purpose" })).toBe(
      "stonith_admin: Couldn't fence node3: No data available (failing on purpose)",
    );
    expect(fenceFailureText("node3", { action: "reboot", exitReason: "Fence agent did not complete within 20s" })).toBe(
      "stonith_admin: Couldn't fence node3: Timer expired (Fence agent did not complete within 20s)",
    );
    expect(fenceFailureText("node3", { action: "reboot", exitReason: "No such device" })).toBe("stonith_admin: Couldn't fence node3: No such device");
  });
});

describe("crm_mon's fencing sections in pcs status", () => {
  const failed = entry({ state: "failed", completedAt: T0 - 1000 });
  const done = entry({});
  const pending = entry({ state: "pending", target: "node3", completedAt: undefined });

  test("default: failed and pending actions, friendly", () => {
    expect(statusFencingLines([], { full: false })).toEqual([]);
    expect(statusFencingLines([done], { full: false })).toEqual([]);
    expect(statusFencingLines([failed, done, pending], { full: false })).toEqual([
      "",
      "Failed Fencing Actions:",
      `  * reboot of node2 by node1 for pacemaker-controld.1234@node1 last failed at ${local(T0 - 1000)} (a later attempt from node1 succeeded)`,
      "",
      "Pending Fencing Actions:",
      "  * reboot of node3 for pacemaker-controld.1234@node1 last pending",
    ]);
  });

  test("--full: failures and the whole history, technical", () => {
    expect(statusFencingLines([failed, done, pending, entry({ completedAt: T0 - 5000 })], { full: true })).toEqual([
      "",
      "Failed Fencing Actions:",
      `  * reboot of node2 failed: delegate=node1, client=pacemaker-controld.1234, origin=node1, completed='${local(T0 - 1000)}' ` +
        "(a later attempt from node1 succeeded)",
      "",
      "Fencing History:",
      "  * reboot of node3 pending: client=pacemaker-controld.1234, origin=node1",
      `  * reboot of node2 successful: delegate=node1, client=pacemaker-controld.1234, origin=node1, completed='${local(T0)}'`,
      `  * reboot of node2 successful: delegate=node1, client=pacemaker-controld.1234, origin=node1, completed='${local(T0 - 5000)}'`,
    ]);
  });

  test("a fencer that does not answer", () => {
    expect(statusFencingLines([], { full: false, unavailable: "Not connected" })).toEqual([
      "",
      "Failed Fencing Actions:",
      "  * Failed to get fencing history: Not connected",
    ]);
  });
});

describe("pcs answers before asking the cluster", () => {
  const cfg = tempDir();
  const env = { PCS_CONFIG_DIR: cfg.dir };
  afterAll(() => cfg.cleanup());

  test.each([
    [["stonith", "fence", "n1"]],
    [["stonith", "fence", "n1", "--off"]],
    [["stonith", "confirm", "n1"]],
    [["stonith", "confirm", "n1", "--force"]],
    [["stonith", "history"]],
    [["stonith", "history", "show", "n1"]],
    [["stonith", "history", "show", "a", "b"]],
    [["stonith", "history", "cleanup"]],
    [["stonith", "history", "cleanup", "n1"]],
    [["stonith", "history", "update"]],
    [["stonith", "fence"]],
  ])("-f refused: pcs %j", (args) => {
    const dir = tempDir();
    try {
      const file = join(dir.dir, "cib.xml");
      const r = runPcs(["-f", file, ...args], { env });
      expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: Specified option '-f' is not supported in this command\n" });
      expect(existsSync(file)).toBe(false);
    } finally {
      dir.cleanup();
    }
  });

  test("argument errors and options as pcs has them", () => {
    expect(runPcs(["stonith", "fence"], { env })).toEqual({ code: 1, stdout: "", stderr: "Error: must specify one (and only one) node to fence\n" });
    expect(runPcs(["stonith", "fence", "a", "b", "--off"], { env }).stderr).toBe("Error: must specify one (and only one) node to fence\n");
    expect(runPcs(["stonith", "confirm"], { env }).stderr).toBe("Error: must specify one (and only one) node to confirm fenced\n");
    expect(runPcs(["stonith", "fence", "n1", "--force"], { env }).stderr).toBe("Error: Specified option '--force' is not supported in this command\n");
    expect(runPcs(["stonith", "history", "--full"], { env }).stderr).toBe("Error: Specified option '--full' is not supported in this command\n");
    for (const args of [["stonith", "history", "foo"], ["stonith", "history", "show", "a", "b"]]) {
      const r = runPcs(args, { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^\nUsage: pcs stonith history\.\.\.\n {4}history \[show \[<node>\]\]\n/);
    }
    expect(runPcs(["stonith", "history", "update", "x"], { env }).stderr).toMatch(/^\nUsage: pcs stonith history update\.\.\.\n/);
    expect(runPcs(["stonith", "history", "cleanup", "a", "b"], { env }).stderr).toMatch(/^\nUsage: pcs stonith history cleanup\.\.\.\n/);
  });

  test("confirm without --force off a terminal asks for --force (stdin not a tty)", () => {
    expect(runPcs(["stonith", "confirm", "node2"], { env })).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: If node 'node2' is not powered off or it does have access to shared resources, data corruption and/or " +
        "cluster failure may occur, use --force to override\n",
    });
  });

  test("real pcs agrees on these", () => {
    if (!haveTool("pcs")) return;
    const real = (args: string[]) => {
      const r = spawnSync("pcs", args, { encoding: "utf8", input: "" });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    for (const args of [["stonith", "fence"], ["stonith", "confirm"], ["stonith", "confirm", "node2"], ["stonith", "fence", "n1", "--force"], ["-f", "/nonexistent/x.xml", "stonith", "fence", "n1"]]) {
      expect(runPcs(args, { env })).toEqual(real(args));
    }
  });
});

describe("stonith status on a CIB file", () => {
  test("devices, then the fencing levels; as the real pcs", () => {
    const s = cibSession();
    try {
      const setup = [
        ["stonith", "create", "f1", "fence_dummy", "pcmk_host_list=n1"],
        ["stonith", "create", "f2", "fence_dummy"],
        ["resource", "create", "d", "ocf:heartbeat:Dummy"],
        ["stonith", "level", "add", "1", "n1", "f1", "--force"],
        ["stonith", "level", "add", "2", "n1", "f2", "--force"],
        ["stonith", "level", "add", "1", "regexp%n.*", "f2", "--force"],
      ];
      const haveAgents = existsSync("/usr/sbin/fence_dummy") && existsSync("/usr/lib/ocf/resource.d/heartbeat/Dummy");
      if (!haveAgents) {
        if (process.env.CI === "true") throw new Error("fence-agents and resource-agents must be installed under CI");
        return;
      }
      for (const args of setup) expect(s.pcs(...args).code).toBe(0);
      const ours = s.pcs("stonith", "status");
      expect(ours).toEqual({
        code: 0,
        stderr: "",
        stdout:
          "  * f1\t(stonith:fence_dummy):\t Stopped\n  * f2\t(stonith:fence_dummy):\t Stopped\n\n" +
          "Fencing Levels:\n Target: n1\n   Level 1 - f1\n   Level 2 - f2\n Target (regexp): n.*\n   Level 1 - f2\n",
      });
      expect(s.pcs("stonith").stdout).toBe(ours.stdout);
      const cases = [["stonith", "status"], ["stonith", "status", "d"], ["stonith", "status", "--hide-inactive"], ["stonith", "status", "nosuch"], ["stonith", "status", "a", "b"]];
      if (haveTool("pcs")) {
        for (const args of cases) {
          const real = spawnSync("pcs", ["-f", s.file, ...args], { encoding: "utf8" });
          expect(s.pcs(...args)).toEqual({ code: real.status, stdout: real.stdout, stderr: real.stderr });
        }
      }
    } finally {
      s.cleanup();
    }
  });
});
