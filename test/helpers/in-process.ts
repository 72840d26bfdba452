// Run pcs command lines inside the test process, as bin/pcs would run them in a process of their own:
// same entry (src/cli/run.ts), output captured from process.stdout/stderr, the exit code returned.
// Commands write to the process streams from many modules, so capture is by stream: while a run is
// active, writes made in its asynchronous context go to its buffers (others pass through), so that
// several runs may overlap. The streams look like pipes (not terminals) to the commands, as they do
// for a spawned pcs.
import { AsyncLocalStorage } from "node:async_hooks";
import { runPcs as runCommandLine } from "../../src/cli/run";

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface Capture {
  stdout: Buffer[];
  stderr: Buffer[];
}

type Write = NodeJS.WriteStream["write"];
const context = new AsyncLocalStorage<Capture>();
let restoreStreams: (() => void) | undefined;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk));
}

function divert(stream: NodeJS.WriteStream, key: keyof Capture): () => void {
  const original = stream.write;
  const tty = Object.getOwnPropertyDescriptor(stream, "isTTY");
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, callback?: unknown) {
    const capture = context.getStore();
    if (!capture) return (original as (...a: unknown[]) => boolean).call(this, chunk, encoding, callback);
    capture[key].push(toBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  } as Write;
  Object.defineProperty(stream, "isTTY", { value: false, configurable: true, writable: true });
  return () => {
    stream.write = original;
    if (tty) Object.defineProperty(stream, "isTTY", tty);
    else delete (stream as { isTTY?: boolean }).isTTY;
  };
}

/** Routes the streams through the capture until restoreStdio(); idempotent. */
export function captureStdio(): void {
  if (restoreStreams) return;
  const undoOut = divert(process.stdout, "stdout");
  const undoErr = divert(process.stderr, "stderr");
  restoreStreams = () => {
    undoOut();
    undoErr();
  };
}

export function restoreStdio(): void {
  restoreStreams?.();
  restoreStreams = undefined;
}

/**
 * `pcs ARGS` in this process. A run that has not ended after timeoutMs counts as killed (exit 124, as
 * pcs-parity reports a timeout); an exception that escapes is reported as bin/pcs reports it.
 */
export async function pcsInProcess(args: readonly string[], timeoutMs = 20000): Promise<CapturedRun> {
  captureStdio();
  const capture: Capture = { stdout: [], stderr: [] };
  let timer: NodeJS.Timeout | undefined;
  const code = await context.run(capture, () =>
    Promise.race([
      runCommandLine(args).catch((e: unknown) => {
        process.stderr.write(`Error: internal error: ${(e as Error).message}\n`);
        return 1;
      }),
      new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      }),
    ]),
  );
  clearTimeout(timer);
  if (code === "timeout") return { code: 124, stdout: "", stderr: `(timed out after ${timeoutMs / 1000}s)` };
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
  return { code, stdout: text(capture.stdout), stderr: text(capture.stderr) };
}
