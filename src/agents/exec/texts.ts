// The words Pacemaker's services library uses in its results: exit reasons, durations, signals.
import { constants } from "node:os";
import { EXIT_REASON_PREFIX } from "./types.js";

/** Pacemaker truncates exit reasons at this many characters. */
const EXIT_REASON_MAX = 128;

/** The last "ocf-exit-reason:" in stderr, to the end of its line (Pacemaker's parse_exit_reason_from_stderr). */
export function exitReasonFrom(stderr: string): string {
  const at = stderr.lastIndexOf(EXIT_REASON_PREFIX);
  if (at < 0) return "";
  const start = at + EXIT_REASON_PREFIX.length;
  const end = stderr.indexOf("\n", start);
  const reason = stderr.slice(start, end < 0 ? undefined : end);
  return reason.slice(0, EXIT_REASON_MAX);
}

const MS_IN_S = 1000;
const MS_IN_M = 60 * MS_IN_S;
const MS_IN_H = 60 * MS_IN_M;
const MS_IN_D = 24 * MS_IN_H;

/** pcmk__readable_interval: "30s", "2m30s", "3.333s", "500ms" (and, as Pacemaker writes it, "1000ms"). */
export function readableInterval(intervalMs: number): string {
  let ms = Math.max(0, Math.floor(intervalMs));
  let out = "";
  for (const [unit, size] of [["d", MS_IN_D], ["h", MS_IN_H], ["m", MS_IN_M]] as const) {
    if (ms > size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  if (ms > MS_IN_S) {
    const rest = ms % MS_IN_S;
    out += `${Math.floor(ms / MS_IN_S)}${rest ? "." + String(rest).padStart(3, "0") : ""}s`;
  } else if (ms > 0) out += `${ms}ms`;
  return out || "0s";
}

const SIGNAL_TEXT: Record<string, string> = {
  SIGHUP: "Hangup",
  SIGINT: "Interrupt",
  SIGQUIT: "Quit",
  SIGILL: "Illegal instruction",
  SIGABRT: "Aborted",
  SIGBUS: "Bus error",
  SIGFPE: "Floating point exception",
  SIGKILL: "Killed",
  SIGSEGV: "Segmentation fault",
  SIGPIPE: "Broken pipe",
  SIGALRM: "Alarm clock",
  SIGTERM: "Terminated",
  SIGUSR1: "User defined signal 1",
  SIGUSR2: "User defined signal 2",
};

/** strsignal(3) for the signals an agent may die of. */
export function signalText(signal: string): string {
  const known = SIGNAL_TEXT[signal];
  if (known) return known;
  const number = (constants.signals as Record<string, number>)[signal];
  return number === undefined ? signal : `Unknown signal ${number}`;
}

/** services_ocf_exitcode_str: how Pacemaker names an OCF result. */
const OCF_RESULT_TEXT: Record<number, string> = {
  0: "ok",
  1: "error",
  2: "invalid parameter",
  3: "unimplemented feature",
  4: "insufficient privileges",
  5: "not installed",
  6: "not configured",
  7: "not running",
  8: "promoted",
  9: "promoted (failed)",
  190: "OCF_DEGRADED",
  191: "promoted (degraded)",
};

export const ocfResultText = (rc: number): string => OCF_RESULT_TEXT[rc] ?? "unknown";

/** pcmk_exec_status_str, by the op-status number recorded in the CIB. */
const EXEC_STATUS_TEXT: Record<number, string> = {
  [-1]: "pending",
  0: "complete",
  1: "Cancelled",
  2: "Timed Out",
  3: "NOT SUPPORTED",
  4: "Error",
  5: "Hard error",
  6: "Fatal error",
  7: "Not installed",
  8: "Internal communication failure",
  9: "Cannot execute now",
  10: "No fence device",
  11: "CIB secrets unavailable",
};

export const execStatusText = (opStatus: number): string => EXEC_STATUS_TEXT[opStatus] ?? "UNKNOWN!";
