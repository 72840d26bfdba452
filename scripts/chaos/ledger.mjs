// Reading the Ledger agents' record: when each resource instance was active where.
// An instance is active from its start record until a stop record for it on that node, or until
// the pcs-agent incarnation that started it died (killed, fenced, restarted: the node's processes
// end with it, see ledger-agent.mjs), whichever comes first.
import { existsSync, readFileSync } from "node:fs";

export function readLedger(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [t, op, rsc, node, pid] = line.split(" ");
      return { t: Number(t), op, rsc, node, pid: Number(pid), line };
    })
    .sort((a, b) => a.t - b.t);
}

/**
 * Activity intervals { rsc, node, pid, from, to } (to: Infinity while active), from the ledger and
 * `lifeOf(node, pid)` (the incarnation: lastAliveAt, and diedAt once it died).
 */
export function activityIntervals(entries, lifeOf) {
  const intervals = [];
  for (const e of entries) {
    if (e.op === "start") {
      const life = lifeOf(e.node, e.pid);
      // it certainly ran until the last sample found its agent alive; it may have died any time before the next one
      const to = life?.diedAt === undefined ? Infinity : Math.max(e.t, life.lastAliveAt);
      intervals.push({ rsc: e.rsc, node: e.node, pid: e.pid, from: e.t, to, unknownPid: !life });
    } else if (e.op === "stop") {
      for (const i of intervals) if (i.rsc === e.rsc && i.node === e.node && i.from <= e.t && i.to > e.t) i.to = e.t;
    }
  }
  return intervals;
}

/** Pairs of intervals of one resource on two nodes that overlap in time: the resource ran twice. */
export function doubleActivity(intervals) {
  const found = [];
  const byRsc = new Map();
  for (const i of intervals) {
    if (!byRsc.has(i.rsc)) byRsc.set(i.rsc, []);
    byRsc.get(i.rsc).push(i);
  }
  for (const [rsc, unsorted] of byRsc) {
    const list = unsorted.sort((x, y) => x.from - y.from);
    for (let a = 0; a < list.length; a++) {
      const x = list[a];
      for (let b = a + 1; b < list.length && list[b].from < x.to; b++) {
        const y = list[b];
        if (x.node === y.node || y.to <= y.from) continue;
        found.push({ rsc, a: x, b: y, overlapMs: Math.min(x.to, y.to) - y.from });
      }
    }
  }
  return found;
}

/** Times as seconds since `origin` (the run's start), as the iteration lines print them. */
export const describeInterval = (i, origin) => `${i.node} (agent pid ${i.pid}) from t+${secondsSince(i.from, origin)} to ${i.to === Infinity ? "now" : `t+${secondsSince(i.to, origin)}`}`;
export const secondsSince = (t, origin) => ((t - origin) / 1000).toFixed(3);

/** The longest time within [from, to] during which `rsc` was active nowhere (ms). */
export function longestOutage(intervals, rsc, from, to) {
  const covered = intervals
    .filter((i) => i.rsc === rsc && i.to > from && i.from < to)
    .map((i) => [Math.max(i.from, from), Math.min(i.to, to)])
    .sort((a, b) => a[0] - b[0]);
  let longest = 0;
  let reached = from;
  for (const [start, end] of covered) {
    longest = Math.max(longest, start - reached);
    reached = Math.max(reached, end);
  }
  return Math.max(longest, to - reached);
}
