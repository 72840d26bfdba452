// Run the built bin/pcs (and the real pcs, where a test compares) on temporary CIB files.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
export const PCS = join(ROOT, "bin", "pcs");
/** ../shared beside the checkout: a development aid only; no test may need it (a clone has none). */
export const SHARED = resolve(ROOT, "..", "shared");

export interface PcsResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPcs(args: string[], options: { env?: Record<string, string>; input?: string } = {}): PcsResult {
  const r = spawnSync(PCS, args, { encoding: "utf8", env: { ...process.env, ...options.env }, input: options.input ?? "" });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** `pcs` run alongside others (concurrency tests): "exit N", then ": " and its output when it printed any. */
export function pcsOutcome(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(PCS, args, { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve(`exit ${code ?? 1}${output ? `: ${output}` : ""}`));
  });
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(prefix = "pcs-lite-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs pcs commands on one CIB file; each call is `pcs -f FILE ...args`. */
export function cibSession() {
  const { dir, cleanup } = tempDir();
  const file = join(dir, "cib.xml");
  return {
    file,
    dir,
    cleanup,
    pcs: (...args: string[]) => runPcs(["-f", file, ...args]),
    read: () => (existsSync(file) ? readFileSync(file, "utf8") : ""),
  };
}

/** Whether a program is on PATH. Under CI a missing Debian tool is an error, never a skip. */
export function haveTool(name: string): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
  if (!found && process.env.CI) throw new Error(`${name} is required under CI: .ci/run must install it`);
  return found;
}
