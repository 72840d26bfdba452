// External programs run here, never through a shell: arguments are passed as a list and
// resource parameters travel as environment variables.
import type { spawn as spawnType } from "node:child_process";

// loaded on the first run: most pcs -f commands run nothing, and child_process costs every start ~7 ms
let spawnProcess: typeof spawnType | undefined;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}

export type Runner = (command: string, args: string[], options?: RunOptions) => Promise<RunResult>;

export const processRunner: Runner = async (command, args, options = {}) => {
  spawnProcess ??= (await import("node:child_process")).spawn;
  const spawn = spawnProcess;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, options.timeoutMs)
      : undefined;
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      if (timer) clearTimeout(timer);
      resolve({ code: 127, stdout: "", stderr: e.message, timedOut });
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
      });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
  });
};
