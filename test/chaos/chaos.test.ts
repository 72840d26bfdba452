// The fault harness in short (scripts/chaos, docs/chaos.md): a three-node cluster of the built
// pcs-agents fenced by fence_pcslite, 20 random faults (kills, hangs, partitions, restarts, failing
// and hanging resources), and after each the invariants: no resource active twice, every resource
// active once as pcs status says, no acknowledged write lost, one configuration everywhere.
// CHAOS_SEED, CHAOS_ITERATIONS, CHAOS_NODES and CHAOS_FAULTS (names, comma-separated) choose another
// run; the seed is in every failure.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/cli";

const ITERATIONS = Number(process.env.CHAOS_ITERATIONS ?? 20);
const NODES = Number(process.env.CHAOS_NODES ?? 3);
// One seed by default, so that CI replays the same faults; `npm run chaos` explores new ones.
const SEED = Number(process.env.CHAOS_SEED ?? 20261207);
/** The harness stops starting iterations after this; each one may still take its deadline. */
const TIME_LIMIT_S = Number(process.env.CHAOS_TIME_LIMIT ?? 180);
const DEADLINE_S = 45;
const FAULTS = process.env.CHAOS_FAULTS ? ["--faults", process.env.CHAOS_FAULTS] : [];

jest.setTimeout((TIME_LIMIT_S + DEADLINE_S + 90) * 1000);

interface HarnessRun {
  code: number | null;
  stdout: string;
}

function runHarness(args: string[], timeoutMs: number): Promise<HarnessRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "chaos", "run.mjs"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stdout += d.toString()));
    // past the deadline the harness is asked to stop: it ends every process it started
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

describe("the fault harness", () => {
  it(`keeps the invariants through ${ITERATIONS} random faults on ${NODES} nodes (seed ${SEED})`, async () => {
    expect(existsSync(join(ROOT, "dist", "pcs-agent.js"))).toBe(true);
    expect(existsSync(join(ROOT, "dist", "fence", "fence_pcslite"))).toBe(true);
    const run = await runHarness(
      ["--iterations", String(ITERATIONS), "--nodes", String(NODES), "--seed", String(SEED), "--deadline", String(DEADLINE_S), "--time-limit", String(TIME_LIMIT_S), ...FAULTS],
      (TIME_LIMIT_S + DEADLINE_S + 60) * 1000,
    );
    const summary = /^(\d+) iterations, (\d+) invariant violations/m.exec(run.stdout);
    const violations = run.stdout.split("\nVIOLATIONS:\n")[1]?.split("\n\n")[0] ?? "";
    // the whole output is the message: the seed, each iteration, the violations, the kept directory
    expect({ exit: run.code, violations, output: run.code === 0 ? "" : run.stdout }).toEqual({ exit: 0, violations: "", output: "" });
    expect(run.stdout).toContain("fencing on");
    expect(summary).not.toBeNull();
    // a slow machine may run fewer within the time limit, but not many fewer
    expect(Number(summary![1])).toBeGreaterThanOrEqual(Math.ceil(ITERATIONS / 2));
  });
});
