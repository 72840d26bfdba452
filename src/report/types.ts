export type Severity = "error" | "warning" | "info" | "deprecation";

/** One user-facing message: a stable code, a payload, and the text rendered from the code's table entry. */
export interface ReportItem {
  code: string;
  severity: Severity;
  message: string;
  /** The error can be overridden with --force (then it becomes a warning). */
  forceable?: boolean;
  payload: Record<string, unknown>;
}
