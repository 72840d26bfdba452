// Reports: every user-facing message is an item with a code, a payload and a severity.
// Commands collect items, `--force` is applied in one place, and the CLI renders them.
import { messages } from "./messages/index.js";
import type { ReportItem, Severity } from "./types.js";

export type { ReportItem, Severity } from "./types.js";
export { quoteList, plural } from "./format.js";

type Messages = typeof messages;
export type ReportCode = keyof Messages;
export type PayloadOf<C extends ReportCode> = Messages[C] extends (p: infer P) => string ? P : never;

function make<C extends ReportCode>(severity: Severity, code: C, payload: PayloadOf<C>, forceable = false): ReportItem {
  const render = messages[code] as (p: PayloadOf<C>) => string;
  return { code, severity, message: render(payload), forceable, payload: (payload ?? {}) as Record<string, unknown> };
}

export const error = <C extends ReportCode>(code: C, payload: PayloadOf<C>): ReportItem => make("error", code, payload);
/** An error that --force turns into a warning. */
export const forceableError = <C extends ReportCode>(code: C, payload: PayloadOf<C>): ReportItem =>
  make("error", code, payload, true);
/** A forceable error when `forceable`, else a plain error: for checks that pcs lets --force override only sometimes. */
export const errorOrForceable = <C extends ReportCode>(forceable: boolean, code: C, payload: PayloadOf<C>): ReportItem =>
  make("error", code, payload, forceable);
export const warning = <C extends ReportCode>(code: C, payload: PayloadOf<C>): ReportItem => make("warning", code, payload);
export const info = <C extends ReportCode>(code: C, payload: PayloadOf<C>): ReportItem => make("info", code, payload);
export const deprecation = <C extends ReportCode>(code: C, payload: PayloadOf<C>): ReportItem =>
  make("deprecation", code, payload);

/** The one place that decides error vs warning under --force. */
export function applyForce(item: ReportItem, force: boolean): ReportItem {
  if (item.severity === "error" && item.forceable && force) return { ...item, severity: "warning", forceable: false };
  return item;
}

/** Thrown to stop a command; its reports have been (or are to be) shown. */
export class ReportedError extends Error {
  constructor(
    readonly reports: ReportItem[] = [],
    /** Print pcs's closing "Errors have occurred, therefore pcs is unable to continue". */
    readonly summarize = true,
    readonly exitCode = 1,
  ) {
    super(reports.map((r) => r.message).join("; ") || "command failed");
  }
}

/** Collects the reports of one command run; `force` applies as items arrive. */
export class Reports {
  readonly items: ReportItem[] = [];
  constructor(readonly force = false) {}

  add(...items: ReportItem[]): this {
    for (const item of items) this.items.push(applyForce(item, this.force));
    return this;
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === "error");
  }

  /**
   * Validate everything, then fail once: throws when any error was collected. `summarize`: end with
   * pcs's "Errors have occurred" line, as its library commands do; pcs's legacy commands, which print
   * library reports themselves (process_library_reports), stop without it.
   */
  throwIfErrors(summarize = true): void {
    if (this.hasErrors) throw new ReportedError([], summarize);
  }
}

/** Fail at once with a single error in pcs's legacy style (no closing summary line). */
export function fail<C extends ReportCode>(code: C, payload: PayloadOf<C>): never {
  throw new ReportedError([error(code, payload)], false);
}
