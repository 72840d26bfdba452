// Run one fence agent action (RPC fence.exec, list and status checks, stonith monitors): find the
// program in PCS_LITE_FENCE_DIR (colon-separated) then /usr/sbin, give it its options on stdin,
// and report the result in Pacemaker's terms.
import { join } from "node:path";
import { readableInterval } from "../../agents/exec/index.js";
import { FenceInputError, fenceAgentInput } from "../../agents/fence-input.js";
import { isExecutableFile } from "../../agents/sources.js";
import { runProcess, type ProcessEnd } from "../../agents/exec/index.js";
import type { DeviceActionRequest, DeviceActionResult } from "./types.js";

export const SYSTEM_FENCE_DIR = "/usr/sbin";
/** Bytes kept of the agent's stdout and of its stderr. */
export const FENCE_OUTPUT_LIMIT = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** OCF's "not installed", what Pacemaker's services library reports for a missing fence agent. */
const RC_NOT_INSTALLED = 5;
const RC_UNKNOWN_ERROR = 1;

export function fenceAgentDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = (env.PCS_LITE_FENCE_DIR ?? "").split(":").filter(Boolean);
  return dirs.includes(SYSTEM_FENCE_DIR) ? dirs : [...dirs, SYSTEM_FENCE_DIR];
}

/** The agent program's path, or undefined when it is not installed (or the name is not a plain file name). */
export function findFenceAgent(agent: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!agent || agent.includes("/") || agent.startsWith(".")) return undefined;
  return fenceAgentDirs(env)
    .map((dir) => join(dir, agent))
    .find(isExecutableFile);
}

const lastLine = (text: string): string =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .pop() ?? "";

const SIGNAL_TEXT: Record<string, string> = { SIGKILL: "Killed", SIGTERM: "Terminated", SIGSEGV: "Segmentation fault", SIGABRT: "Aborted", SIGINT: "Interrupt", SIGHUP: "Hangup" };

function resultOf(end: ProcessEnd, timeoutMs: number, stderr: string): Pick<DeviceActionResult, "rc" | "status" | "reason"> {
  switch (end.kind) {
    case "exited":
      return { rc: end.code, status: "done", reason: end.code === 0 ? "" : lastLine(stderr) || `Fence agent exited with status ${end.code}` };
    case "timeout":
      return { rc: RC_UNKNOWN_ERROR, status: "timeout", reason: `Fence agent did not complete within ${readableInterval(timeoutMs)}` };
    case "cancelled":
      return { rc: RC_UNKNOWN_ERROR, status: "error", reason: "Fence agent was cancelled" };
    case "signalled":
      return { rc: RC_UNKNOWN_ERROR, status: "error", reason: `Fence agent interrupted by ${SIGNAL_TEXT[end.signal] ?? end.signal} signal` };
    case "spawn-error":
      if (end.code === "ENOENT" || end.code === "ENOEXEC") return { rc: RC_NOT_INSTALLED, status: "not-installed", reason: end.message };
      return { rc: RC_UNKNOWN_ERROR, status: "error", reason: end.message };
  }
}

const immediate = (rc: number, status: DeviceActionResult["status"], reason: string): DeviceActionResult => ({ rc, status, stdout: "", stderr: "", reason, execTimeMs: 0 });

export async function runFenceAgent(req: DeviceActionRequest, signal?: AbortSignal): Promise<DeviceActionResult> {
  const file = findFenceAgent(req.agent);
  if (!file) return immediate(RC_NOT_INSTALLED, "not-installed", `${req.agent}: No such file or directory`);
  let stdin: string;
  try {
    stdin = fenceAgentInput(req.args);
  } catch (e) {
    if (e instanceof FenceInputError) return immediate(RC_UNKNOWN_ERROR, "error", e.message);
    throw e;
  }
  const timeoutMs = Number.isFinite(req.timeoutMs) && req.timeoutMs > 0 ? req.timeoutMs : DEFAULT_TIMEOUT_MS;
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const outcome = await runProcess({ file, args: [], stdin, env, timeoutMs, outputLimit: FENCE_OUTPUT_LIMIT, signal });
  return { ...resultOf(outcome.end, timeoutMs, outcome.stderr), stdout: outcome.stdout, stderr: outcome.stderr, execTimeMs: outcome.execTimeMs };
}
