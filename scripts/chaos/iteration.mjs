// One iteration: a fault, the write made while the cluster recovers, the wait for it to settle, the
// invariants; and the line that reports it.
import { converge } from "./converge.mjs";
import { checkInvariants } from "./world.mjs";

/** A recovery slower than this is listed in the summary (not a violation: the cluster did recover). */
export const SLOW_MS = 20000;

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export async function runIteration(w, writer, { i, fault, deadlineMs, restartAfterMs }) {
  const at = Date.now();
  const done = await fault.inject(w);
  w.faults.push({ iteration: i, name: fault.name, at, ...done });
  // the write and the fault's own course (a partition healing) run while the cluster recovers
  let writing = true;
  let settling = true;
  const writeDone = writer.write(i).finally(() => (writing = false));
  const settleDone = Promise.resolve(done.settle?.()).finally(() => (settling = false));
  const effect = {
    what: () => (writing ? "the write to finish" : settling ? "the fault to end" : done.effect?.what),
    // asked every poll, also while the fault lasts: a partition's effect is visible only then
    seen: () => (done.effect?.seen() ?? true) && !writing && !settling,
  };
  const settled = await converge(w, { since: at, deadlineMs, restartAfterMs, effect });
  const [write] = await Promise.all([writeDone, settleDone]);
  const violations = checkInvariants(w, writer, settled, deadlineMs / 1000);
  return {
    i,
    at,
    fault,
    done,
    write,
    settled,
    violations,
    outage: w.worstOutage(at, Date.now()),
    fencedRestarts: w.cluster.incarnations.all().filter((x) => x.startedBy === "other" && x.seenAt >= at).map((x) => x.node),
    findings: w.takeFindings(),
  };
}

export function iterationLines(r, { iterations, origin }) {
  const { i, at, fault, done, write, settled, outage, fencedRestarts, violations } = r;
  const lines = [
    `${String(i).padStart(4)}/${iterations} t+${seconds(at - origin).padEnd(8)} ${fault.name.padEnd(16)} ${`${done.target} (${done.detail})`.padEnd(44)} ` +
      `write ${write.acked ? "ok" : "FAILED"} ${seconds(write.ms).padStart(6)}  ${settled.ok ? `settled ${seconds(settled.ms)}` : "NOT SETTLED"}` +
      (outage.ms >= 1000 ? `, ${outage.rsc} down ${seconds(outage.ms)}` : "") +
      (fencedRestarts.length ? ` (fenced ${fencedRestarts.join(",")})` : "") +
      (settled.restarted.length ? ` (harness restarted ${settled.restarted.join(",")})` : "") +
      `  ${violations.length ? `${violations.length} VIOLATION(S)` : "ok"}`,
  ];
  if (!write.acked) lines.push(`        write not acknowledged: ${write.command}: ${write.error}`);
  for (const f of r.findings) lines.push(`        note: ${f}`);
  return lines;
}

/** "12 (partition node1: 41.9 s, rsc4 active nowhere for 39.8 s)" for a slow recovery, else undefined. */
export function slowRecovery(r) {
  if (!r.settled.ok || r.settled.ms <= SLOW_MS) return undefined;
  const outage = r.outage.ms > SLOW_MS ? `, ${r.outage.rsc} active nowhere for ${seconds(r.outage.ms)}` : "";
  return `${r.i} (${r.fault.name} ${r.done.target}: ${seconds(r.settled.ms)}${outage})`;
}
