// The fencing history as Pacemaker 2.1.5 prints it: stonith_admin --history (what `pcs stonith history`
// passes through) and crm_mon's "Failed Fencing Actions" / "Pending Fencing Actions" / "Fencing History"
// sections (what `pcs status` shows). Pure functions over the fencer's entries.
import type { FenceHistoryEntry } from "../transport/fencing-types.js";

const two = (n: number) => String(n).padStart(2, "0");

/**
 * A time as Pacemaker's crm_time_as_string prints it with date, time of day and time zone, in local
 * time: "2026-12-06 21:40:22 +01:00", and "2026-12-06 21:40:22Z" where local time is UTC.
 * `offsetMinutes` (east of UTC) defaults to the local zone's at that moment.
 */
export function pacemakerTime(ms: number, offsetMinutes = -new Date(ms).getTimezoneOffset()): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  if (offsetMinutes === 0) return `${date} ${time}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${date} ${time} ${offsetMinutes < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

const finished = (e: FenceHistoryEntry) => e.state === "done" || e.state === "failed";
const completed = (e: FenceHistoryEntry) => (finished(e) ? (e.completedAt ?? e.requestedAt) : 0);
const sameNode = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Pacemaker's order: pending operations first, then finished ones, the most recently completed first. */
export function sortHistory(entries: readonly FenceHistoryEntry[]): FenceHistoryEntry[] {
  const pending = entries.filter((e) => !finished(e));
  // a stable sort keeps entries completed at the same moment in the order they came
  const done = entries.filter(finished).sort((a, b) => completed(b) - completed(a));
  return [...pending, ...done];
}

/**
 * crm_mon's condensed history (without --fence-history=3): of the finished operations with the same
 * target, action and result only the latest stays; failures by different nodes count as different.
 */
export function reduceHistory(sorted: readonly FenceHistoryEntry[]): FenceHistoryEntry[] {
  const kept: FenceHistoryEntry[] = [];
  for (const e of sorted) {
    const repeated =
      finished(e) &&
      kept.some(
        (k) => sameNode(k.target, e.target) && k.action === e.action && k.state === e.state && (e.state === "done" || sameNode(k.delegate, e.delegate)),
      );
    if (!repeated) kept.push(e);
  }
  return kept;
}

/** For a failure: the node whose later attempt at the same fencing succeeded (stonith__later_succeeded). */
export function laterSucceeded(entry: FenceHistoryEntry, sorted: readonly FenceHistoryEntry[]): string | undefined {
  let other: string | undefined;
  for (const prev of sorted) {
    if (prev === entry) break;
    if (prev.state !== "done" || !sameNode(prev.target, entry.target) || prev.action !== entry.action) continue;
    if (!(completed(entry) < completed(prev))) continue;
    if (entry.delegate === undefined || sameNode(entry.delegate, prev.delegate)) return prev.delegate;
    other ??= prev.delegate ?? "some node";
  }
  return other;
}

const ACTION_WORDS: Record<string, string> = { on: "unfencing", off: "turning off" };
const STATE_WORDS: Record<string, string> = { failed: "failed", done: "successful" };

export interface DescribeOptions {
  /** The whole history is shown (not just the latest of each kind): "completed" rather than "last-...". */
  full: boolean;
  /** The technical form (crm_mon --show-detail, stonith_admin): "delegate=..., client=..., origin=...". */
  detail: boolean;
  /** A later attempt that succeeded, for failures. */
  laterSucceeded?: string;
}

/** One history entry in Pacemaker's words (stonith__history_description). */
export function describeFenceEvent(e: FenceHistoryEntry, o: DescribeOptions): string {
  const done = finished(e);
  const when = done ? pacemakerTime(completed(e)) : undefined;
  let s = `${ACTION_WORDS[e.action] ?? e.action} of ${e.target}`;
  if (!o.detail) {
    if (done && e.delegate !== undefined) s += ` by ${e.delegate}`;
    s += ` for ${e.client}@${e.origin}`;
    if (!o.full) s += " last";
  }
  s += ` ${STATE_WORDS[e.state] ?? "pending"}`;
  if (e.state === "failed" && e.exitReason) s += ` (${e.exitReason})`;
  if (o.detail) {
    s += ": ";
    if (done && e.delegate !== undefined) s += `delegate=${e.delegate}, `;
    s += `client=${e.client}, origin=${e.origin}`;
    if (when !== undefined) s += `, ${o.full ? "completed" : e.state === "failed" ? "last-failed" : "last-successful"}='${when}'`;
  } else if (when !== undefined) s += ` at ${when}`;
  if (e.state === "failed" && o.laterSucceeded !== undefined) s += ` (a later attempt from ${o.laterSucceeded} succeeded)`;
  return s;
}

const eventsFound = (n: number) => `${n} ${n === 1 ? "event" : "events"} found`;

/** `stonith_admin --history <node|*> --verbose`: every operation, then the count. */
export function stonithAdminHistoryLines(entries: readonly FenceHistoryEntry[]): string[] {
  const sorted = sortHistory(entries);
  const lines = sorted.map((e) => describeFenceEvent(e, { full: true, detail: true, laterSucceeded: laterSucceeded(e, sorted) }));
  return [...lines, eventsFound(lines.length)];
}

/**
 * `stonith_admin --history <node|*>` without --verbose: one successful operation and the count. Pacemaker
 * keeps the last successful one of its newest-first list, which is the oldest success: shown as it does.
 */
export function stonithAdminLatestLines(entries: readonly FenceHistoryEntry[]): string[] {
  const successes = sortHistory(entries).filter((e) => e.state === "done");
  const shown = successes[successes.length - 1];
  return shown ? [describeFenceEvent(shown, { full: false, detail: true }), eventsFound(1)] : [eventsFound(0)];
}

/**
 * `stonith_admin -B|-F` failing: "stonith_admin: Couldn't fence <node>: <error>[ (<reason>)]". The error
 * is what Pacemaker makes of the result: a timeout, no device able to fence the node, or (an agent that
 * exited with an error) "No data available".
 */
export function fenceFailureText(target: string, entry: Pick<FenceHistoryEntry, "exitReason" | "action">): string {
  const reason = entry.exitReason?.trim() || undefined;
  let error = "No data available";
  if (reason && /timed out|timeout|did not complete within/i.test(reason)) error = "Timer expired";
  else if (reason && /\bno\b.*\bdevices?\b|not able to fence/i.test(reason)) error = "No such device";
  const what = entry.action === "on" ? "unfence" : "fence";
  const shownReason = reason && reason !== error ? ` (${reason})` : "";
  return `stonith_admin: Couldn't ${what} ${target}: ${error}${shownReason}`;
}

/** The fencer's answer for a target no device can fence (PCMK_EXEC_NO_FENCE_DEVICE). */
export const noDeviceText = (target: string, what: "fence" | "confirm" = "fence") => `stonith_admin: Couldn't ${what} ${target}: No such device`;

/**
 * crm_mon's fencing sections after the failed resource actions, each after an empty line. By default
 * (pcs status) failed and pending operations of the condensed history in the friendly wording; with
 * `full` (pcs status --full: --fence-history=3 --show-detail) the failures and the whole history of the
 * others, technically worded. `unavailable` is why the history could not be read.
 */
export function statusFencingLines(entries: readonly FenceHistoryEntry[], o: { full: boolean; unavailable?: string }): string[] {
  if (o.unavailable !== undefined) return ["", "Failed Fencing Actions:", `  * Failed to get fencing history: ${o.unavailable}`];
  const sorted = o.full ? sortHistory(entries) : reduceHistory(sortHistory(entries));
  const line = (e: FenceHistoryEntry) => `  * ${describeFenceEvent(e, { full: o.full, detail: o.full, laterSucceeded: laterSucceeded(e, sorted) })}`;
  const lines: string[] = [];
  const failed = sorted.filter((e) => e.state === "failed");
  if (failed.length) lines.push("", "Failed Fencing Actions:", ...failed.map(line));
  if (o.full) {
    const others = sorted.filter((e) => e.state !== "failed");
    if (others.length) lines.push("", "Fencing History:", ...others.map(line));
  } else {
    const pending: FenceHistoryEntry[] = [];
    for (const e of sorted) {
      if (finished(e)) break;
      pending.push(e);
    }
    if (pending.length) lines.push("", "Pending Fencing Actions:", ...pending.map(line));
  }
  return lines;
}
