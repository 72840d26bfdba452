// External programs run here, never through a shell: arguments are passed as a list and
// resource parameters travel as environment variables.
import type * as ChildProcess from "node:child_process";

// Loaded on the first run (most pcs -f commands run nothing, and child_process costs every start
// ~7 ms), and synchronously: a caller starts a child and goes on with synchronous work (reading the
// CIB) while the child runs; an await here would start the child only after that work.
let childProcess: typeof ChildProcess | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, see above
const loadChildProcess = (): typeof ChildProcess => (childProcess ??= require("node:child_process") as typeof ChildProcess);

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

export const processRunner: Runner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = loadChildProcess().spawn(command, args, {
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
