// Scheduler benchmark: `pcs -f FILE simulate`, with and without `--save-graph`, against
// `crm_simulate -x FILE -G graph.xml` (without -S: simulating the execution takes crm_simulate
// minutes already at N=200), measured in the same run on generated CIBs (N primitives,
// N location constraints, 16 nodes with one in standby and one that has left, so about N/8 resources
// move or start). Prints times, ratios and (BENCH_SCHED_COMPARE=1, N=200) whether the Transition
// Summary lines agree. N=5000 for crm_simulate takes minutes: it runs only with BENCH_SCHED_FULL=1.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCib } from "./sched-cib.mjs";

// BENCH_PCS: another build of pcs to measure (default: this checkout's bin/pcs).
const PCS = process.env.BENCH_PCS ?? new URL("../bin/pcs", import.meta.url).pathname;

function summary(text) {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim() === "Transition Summary:");
  if (i < 0) return [];
  const out = [];
  for (const l of lines.slice(i + 1)) {
    const norm = l.trim().split(/\s+/).join(" ");
    if (!norm) break;
    out.push(norm);
  }
  return out.sort();
}

function time(fn) {
  const t = process.hrtime.bigint();
  const result = fn();
  return { result, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

const haveCrmSimulate = spawnSync("crm_simulate", ["--version"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "sched-bench-"));
try {
  console.log("scheduler: pcs simulate [--save-graph] vs crm_simulate -G (same run)");
  const full = process.env.BENCH_SCHED_FULL === "1";
  for (const n of [200, 1000, 5000]) {
    const file = join(dir, `cib-${n}.xml`);
    writeFileSync(file, generateCib(n));
    const ours = time(() => execFileSync(PCS, ["-f", file, "simulate"], { encoding: "utf8", maxBuffer: 1 << 28 }));
    const graph = time(() => execFileSync(PCS, ["-f", file, "simulate", "--save-graph", join(dir, "ours.xml")], { encoding: "utf8", maxBuffer: 1 << 28 }));
    let line = `  N=${String(n).padEnd(5)} pcs-lite ${ours.seconds.toFixed(2)} s, with the graph ${graph.seconds.toFixed(2)} s`;
    if (haveCrmSimulate && (n < 5000 || full)) {
      const theirs = time(() => spawnSync("crm_simulate", ["-x", file, "-G", join(dir, "graph.xml")], { encoding: "utf8", maxBuffer: 1 << 28 }));
      line += `  crm_simulate -G ${theirs.seconds.toFixed(2)} s  ratio ${(theirs.seconds / ours.seconds).toFixed(1)}x, with the graph ${(theirs.seconds / graph.seconds).toFixed(1)}x faster`;
      if (n <= 200 && process.env.BENCH_SCHED_COMPARE === "1") {
        const a = summary(spawnSync("crm_simulate", ["-x", file, "-S"], { encoding: "utf8", maxBuffer: 1 << 28 }).stdout);
        const b = summary(ours.result);
        const same = a.length === b.length && a.every((l, i) => l === b[i]);
        line += `  summary ${same ? "identical" : "DIFFERS"} (${a.length} lines)`;
      }
    } else if (n >= 5000) line += `  (target: graph < 1 s${haveCrmSimulate ? "; crm_simulate skipped, BENCH_SCHED_FULL=1 runs it" : ""})`;
    console.log(line);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
