// From what happened to the process to the result Pacemaker's executor reports
// (services_linux.c async_action_complete, services__handle_exec_error).
import type { ProcessOutcome } from "./process.js";
import { exitReasonFrom, readableInterval, signalText } from "./texts.js";
import { OCF, type ExecResult } from "./types.js";

export interface ResultRules {
  /** The standard's exit code in OCF terms. */
  rcOf(code: number): number;
  /** Only OCF agents write exit reasons on stderr. */
  readsExitReason: boolean;
  timeoutMs: number;
  /** The name in "not installed" reasons. */
  name: string;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  ENOEXEC: "Exec format error",
  EINVAL: "Invalid argument",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
};
const NOT_INSTALLED_ERRORS = new Set(["ENOENT", "EISDIR", "ENOTDIR", "ENOEXEC", "EINVAL", "EACCES", "EPERM"]);

/** A result that never ran a process. */
export function immediateResult(rc: number, status: ExecResult["status"], exitReason: string): ExecResult {
  return { rc, status, exitReason, stdout: "", stderr: "", execTimeMs: 0, startedAt: Date.now() };
}

export function notInstalled(name: string, errno: string): ExecResult {
  return immediateResult(OCF.NOT_INSTALLED, "not-installed", `${name}: ${ERRNO_TEXT[errno] ?? errno}`);
}

/** services__ocf2ocf: anything outside the OCF range is a generic error. */
export function ocfRc(code: number): number {
  if (code === OCF.DEGRADED || code === OCF.DEGRADED_PROMOTED) return code;
  return code < 0 || code > OCF.FAILED_PROMOTED ? OCF.UNKNOWN_ERROR : code;
}

export function resultOf(outcome: ProcessOutcome, rules: ResultRules): ExecResult {
  const base = { stdout: outcome.stdout, stderr: outcome.stderr, execTimeMs: outcome.execTimeMs, startedAt: outcome.startedAt };
  const end = outcome.end;
  switch (end.kind) {
    case "exited":
      return { ...base, rc: rules.rcOf(end.code), status: "done", exitReason: rules.readsExitReason ? exitReasonFrom(outcome.stderr) : "" };
    case "signalled":
      return { ...base, rc: OCF.UNKNOWN_ERROR, status: "error", exitReason: `Resource agent interrupted by ${signalText(end.signal)} signal` };
    case "timeout":
      return { ...base, rc: OCF.UNKNOWN_ERROR, status: "timeout", exitReason: `Resource agent did not complete within ${readableInterval(rules.timeoutMs)}` };
    case "cancelled":
      // as Pacemaker reports an in-flight operation killed because it was cancelled
      return { ...base, rc: OCF.OK, status: "cancelled", exitReason: "" };
    case "spawn-error":
      if (NOT_INSTALLED_ERRORS.has(end.code)) return { ...notInstalled(rules.name, end.code), startedAt: outcome.startedAt };
      return { ...base, rc: OCF.UNKNOWN_ERROR, status: "error", exitReason: `${rules.name}: ${end.message}` };
  }
}
