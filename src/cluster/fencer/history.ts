// The fencing history every node's fencer keeps (stonith_admin --history): one entry per operation,
// the most complete version of it winning, pending operations kept through cleanups, and the size
// bounded as fenced bounds it (past 500 entries, the older half of the finished ones goes).
import type { FenceHistoryEntry } from "./types.js";

export const MAX_HISTORY = 500;

export interface FenceHistory {
  /** Adds or updates the entry with the same id; a finished entry is never replaced by an older state. */
  record(entry: FenceHistoryEntry): void;
  merge(entries: readonly FenceHistoryEntry[]): void;
  get(id: string): FenceHistoryEntry | undefined;
  /** Pending operations first, then finished ones, newest first. */
  list(target?: string): FenceHistoryEntry[];
  /** Forgets finished entries (of one target, or all); returns how many. */
  cleanup(target?: string): number;
}

const isFinished = (e: FenceHistoryEntry): boolean => e.state !== "pending";

/** Whether `incoming` should replace `current` (both the same operation). */
function newer(incoming: FenceHistoryEntry, current: FenceHistoryEntry): boolean {
  if (isFinished(current) !== isFinished(incoming)) return isFinished(incoming);
  if (!isFinished(incoming)) return true;
  return (incoming.completedAt ?? 0) >= (current.completedAt ?? 0);
}

/** fenced's order: pending first, then by completion (or request) time, newest first. */
function compareNewestFirst(a: FenceHistoryEntry, b: FenceHistoryEntry): number {
  if (isFinished(a) !== isFinished(b)) return isFinished(a) ? 1 : -1;
  const at = (e: FenceHistoryEntry) => (isFinished(e) ? (e.completedAt ?? e.requestedAt) : e.requestedAt);
  return at(b) - at(a);
}

export function createFenceHistory(max = MAX_HISTORY): FenceHistory {
  const entries = new Map<string, FenceHistoryEntry>();

  const trim = () => {
    if (entries.size <= max) return;
    const sorted = [...entries.values()].sort(compareNewestFirst);
    for (const entry of sorted.slice(Math.floor(max / 2))) if (isFinished(entry)) entries.delete(entry.id);
  };

  const put = (entry: FenceHistoryEntry) => {
    const current = entries.get(entry.id);
    if (!current || newer(entry, current)) entries.set(entry.id, { ...entry });
  };

  return {
    record(entry) {
      put(entry);
      trim();
    },
    merge(list) {
      for (const entry of list) put(entry);
      trim();
    },
    get: (id) => {
      const entry = entries.get(id);
      return entry && { ...entry };
    },
    list(target) {
      return [...entries.values()]
        .filter((e) => target === undefined || e.target === target)
        .sort(compareNewestFirst)
        .map((e) => ({ ...e }));
    },
    cleanup(target) {
      let removed = 0;
      for (const [id, entry] of entries) {
        if (isFinished(entry) && (target === undefined || entry.target === target)) {
          entries.delete(id);
          removed++;
        }
      }
      return removed;
    },
  };
}
