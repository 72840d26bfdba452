// `npm test`: the tests that run live clusters (agents, corosync, Pacemaker, fence and resource agents
// with deadlines) run one file at a time, then everything else in parallel. On a 2-core machine a
// live cluster next to another CPU-heavy suite misses its heartbeats and deadlines; alone it does not.
// With arguments (`npm test -- test/unit`), jest runs just those, as usual.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LIVE = ["test/cluster/", "test/chaos/", "test/pacemaker/", "test/quorum/", "test/sandbox/", "test/executor/", "test/fence-agent/", "test/stonith/fence-live"];
const jest = join(process.cwd(), "node_modules", "jest", "bin", "jest.js");
const extra = process.argv.slice(2);

function run(args, env = {}) {
  const r = spawnSync(process.execPath, [jest, ...args], { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

if (extra.length) process.exit(run(extra));

const dir = mkdtempSync(join(tmpdir(), "pcs-lite-test-"));
try {
  const tally = join(dir, "tally.json");
  const pattern = LIVE.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
  const live = run(["--runInBand", "--testPathPatterns", pattern], { PCS_TEST_TALLY: tally });
  const rest = run(["--testPathIgnorePatterns", pattern, "/node_modules/"], { PCS_TEST_TALLY: tally });
  // a run that ended before its reporter (jest itself failed) counts as one failure
  const counts = existsSync(tally) ? JSON.parse(readFileSync(tally, "utf8")) : { passed: 0, failed: 0, skipped: 0 };
  if ((live || rest) && !counts.failed) counts.failed = 1;
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}\n`);
  process.exit(live || rest);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
