// Replays parity scenarios as pcs-parity does (each line as `pcs -f <fresh dir>/cib.xml ARGS`, the
// lines split as Python's shlex splits them) and judges them against the recorded goldens.
// The runner decides how a line runs: in this process (the command layer, fast) or as bin/pcs.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pcsInProcess } from "../helpers/in-process";
import { judge, type StepResult, type Verdict } from "./compare";
import { hasGolden, readGolden, readScenario, type ScenarioLine } from "./scenario";
import { ShlexError, shlexSplit } from "./shlex";

/** pcs-parity's deadline for one command line. */
export const LINE_TIMEOUT_MS = 20000;

export type Runner = (args: string[]) => Promise<StepResult>;

export const inProcess: Runner = async (args) => {
  const r = await pcsInProcess(args, LINE_TIMEOUT_MS);
  return { rc: r.code, stdout: r.stdout, stderr: r.stderr };
};

/** Each line as a process of its own (`program -f FILE ARGS`, stdin empty), as pcs-parity runs it. */
export function asProcess(program: string): Runner {
  return (args) =>
    new Promise((resolve) => {
      const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, LINE_TIMEOUT_MS);
      child.on("error", (e) => {
        clearTimeout(timer);
        resolve({ rc: 127, stdout: "", stderr: `(cannot run ${program}: ${e.message})` });
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (timedOut) resolve({ rc: 124, stdout: "", stderr: `(timed out after ${LINE_TIMEOUT_MS / 1000}s)` });
        else resolve({ rc: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
      });
    });
}

export interface Replayed {
  results: StepResult[];
  /** the CIB file after the last line; undefined when none was written */
  xml?: string;
  /** the directory the CIB file was in (removed since), as outputs may name it */
  dir: string;
}

/** Runs the lines in order on a CIB file that does not exist yet. */
export async function replayLines(lines: ScenarioLine[], run: Runner): Promise<Replayed> {
  const dir = mkdtempSync(join(tmpdir(), "pcs-parity-"));
  try {
    const cib = join(dir, "cib.xml");
    const results: StepResult[] = [];
    for (const { line } of lines) {
      let args: string[];
      try {
        args = shlexSplit(line);
      } catch (e) {
        if (!(e instanceof ShlexError)) throw e;
        results.push({ rc: 2, stdout: "", stderr: `Error: cannot split line: ${e.message}` });
        continue;
      }
      results.push(await run(["-f", cib, ...args]));
    }
    return { results, xml: existsSync(cib) ? readFileSync(cib, "utf8") : undefined, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SuiteDirs {
  scenarioDir: string;
  goldenDir: string;
}

export async function replayScenario(dirs: SuiteDirs, name: string, run: Runner): Promise<Verdict & Replayed> {
  const lines = readScenario(join(dirs.scenarioDir, `${name}.pcs`));
  const golden = readGolden(dirs.goldenDir, name);
  const replayed = await replayLines(lines, run);
  return { ...judge(name, lines, golden, replayed.results, replayed.xml), ...replayed };
}

/**
 * Verdicts for every named scenario that has a golden (pcs-parity counts the others as failures and
 * does not compare them), `parallel` scenarios at a time, in the order of `names`.
 */
export async function replaySuite(dirs: SuiteDirs, names: string[], run: Runner, parallel = 1): Promise<Verdict[]> {
  const todo = names.filter((n) => hasGolden(dirs.goldenDir, n));
  const verdicts: Verdict[] = new Array(todo.length);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = next++;
      const { results: _results, xml: _xml, dir: _dir, ...verdict } = await replayScenario(dirs, todo[i], run);
      verdicts[i] = verdict;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return verdicts;
}
