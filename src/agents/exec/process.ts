// One agent process, run as Pacemaker's services library runs it: the file itself (never a shell),
// leading its own process group, with a deadline. A process that overruns its deadline or is
// cancelled is stopped with its whole group: TERM, then KILL after a short grace.
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface ProcessSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is read and dropped. */
  outputLimit: number;
  signal?: AbortSignal;
  /** Written to the process's standard input, which is then closed (fence agents read their options there). */
  stdin?: string;
}

export type ProcessEnd =
  | { kind: "exited"; code: number }
  | { kind: "signalled"; signal: string }
  | { kind: "timeout" }
  | { kind: "cancelled" }
  | { kind: "spawn-error"; code: string; message: string };

export interface ProcessOutcome {
  end: ProcessEnd;
  stdout: string;
  stderr: string;
  startedAt: number;
  execTimeMs: number;
}

/** Between TERM and KILL for a process group that overran its deadline. */
export const KILL_GRACE_MS = 1000;
/** After KILL, how long we wait for the exit before reporting anyway (a process stuck in the kernel). */
const WILL_NOT_DIE_MS = 5000;
/** After the agent exits, how long its output pipes may stay open (a daemon it started holds them). */
const PIPE_DRAIN_MS = 200;

function capturer(limit: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  return {
    add(chunk: Buffer) {
      if (kept >= limit) return;
      const part = chunk.length > limit - kept ? chunk.subarray(0, limit - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const t0 = performance.now();
    const out = capturer(spec.outputLimit);
    const err = capturer(spec.outputLimit);
    let finished = false;
    let child: ChildProcess | undefined;
    const timers: NodeJS.Timeout[] = [];

    const onAbort = () => terminate("cancelled");
    const finish = (end: ProcessEnd) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      spec.signal?.removeEventListener("abort", onAbort);
      child?.stdout?.destroy();
      child?.stderr?.destroy();
      resolve({ end, stdout: out.text(), stderr: err.text(), startedAt, execTimeMs: performance.now() - t0 });
    };

    if (spec.signal?.aborted) return finish({ kind: "cancelled" });

    try {
      child = spawn(spec.file, spec.args, { env: spec.env, detached: true, stdio: [spec.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      return finish({ kind: "spawn-error", code: error.code ?? "EINVAL", message: error.message });
    }
    const proc = child;
    if (spec.stdin !== undefined) {
      // an agent that exits without reading its input must not fail us with EPIPE
      proc.stdin!.on("error", () => undefined);
      proc.stdin!.end(spec.stdin);
    }

    const killGroup = (signal: NodeJS.Signals) => {
      if (proc.pid === undefined) return;
      try {
        process.kill(-proc.pid, signal);
      } catch {
        // ESRCH: the group is already gone
      }
    };

    let ending: "timeout" | "cancelled" | undefined;
    const terminate = (why: "timeout" | "cancelled") => {
      if (ending || finished) return;
      ending = why;
      killGroup("SIGTERM");
      timers.push(
        setTimeout(() => {
          killGroup("SIGKILL");
          timers.push(setTimeout(() => finish({ kind: why }), WILL_NOT_DIE_MS));
        }, KILL_GRACE_MS),
      );
    };
    timers.push(setTimeout(() => terminate("timeout"), spec.timeoutMs));
    spec.signal?.addEventListener("abort", onAbort, { once: true });

    let openPipes = 2;
    let exitEnd: ProcessEnd | undefined;
    const pipeClosed = () => {
      if (--openPipes === 0 && exitEnd) finish(exitEnd);
    };
    proc.stdout!.on("data", out.add).on("close", pipeClosed).on("error", () => undefined);
    proc.stderr!.on("data", err.add).on("close", pipeClosed).on("error", () => undefined);

    proc.on("error", (e: NodeJS.ErrnoException) => {
      if (proc.pid === undefined) finish({ kind: "spawn-error", code: e.code ?? "EIO", message: e.message });
    });
    proc.on("exit", (code, signal) => {
      let end: ProcessEnd;
      if (ending) {
        // what survived the TERM in the agent's group goes now
        killGroup("SIGKILL");
        end = { kind: ending };
      } else end = signal ? { kind: "signalled", signal } : { kind: "exited", code: code ?? 1 };
      exitEnd = end;
      if (openPipes === 0) finish(end);
      else timers.push(setTimeout(() => finish(end), PIPE_DRAIN_MS));
    });
  });
}
