// The conformance suite: every scenario in test/parity/scenarios is replayed by
// ../shared/tools/pcs-parity against goldens recorded from the real pcs 0.11.5.
// Scenarios listed in known-gaps.txt are expected to differ still; the test fails when one of
// them starts to match, so that the list (and the parity figure in our notes) stays true.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SHARED } from "../helpers/cli";

const scenarioDir = join(ROOT, "test", "parity", "scenarios");
const goldenDir = join(ROOT, "test", "parity", "golden");
const tool = join(SHARED, "tools", "pcs-parity");
const names = readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".pcs"))
  .map((f) => f.slice(0, -4))
  .sort();
const knownGaps = new Set(
  readFileSync(join(ROOT, "test", "parity", "known-gaps.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean),
);

const results = new Map<string, string>();
let report = "";

beforeAll(() => {
  if (!existsSync(tool)) throw new Error(`pcs-parity not found at ${tool}: ../shared must be beside the checkout`);
  const run = spawnSync(tool, ["--scenarios", scenarioDir, "--golden", goldenDir, "--jobs", "4"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PCS_CMD: join(ROOT, "bin", "pcs") },
    maxBuffer: 64 * 1024 * 1024,
  });
  report = run.stdout + run.stderr;
  for (const line of run.stdout.split("\n")) {
    const m = /^(PASS|FAIL.*?)\s+(\S+)$/.exec(line);
    if (m) results.set(m[2], m[1]);
  }
  const summary = report.split("\n").find((l) => l.startsWith("cli parity:"));
  if (summary) process.stdout.write(`${summary}\n`);
}, 600000);

test("the suite has scenarios", () => {
  expect(names.length).toBeGreaterThan(0);
});

test.each(names)("%s", (name) => {
  const status = results.get(name);
  const notes = report.split("\n").filter((l, i, all) => all[i - 1]?.includes(name) || l.includes(name)).join("\n");
  if (knownGaps.has(name)) {
    expect({ name, status: status?.startsWith("FAIL") ? "still differs" : status }).toEqual({ name, status: "still differs" });
  } else {
    expect({ name, status, notes: status === "PASS" ? "" : notes }).toEqual({ name, status: "PASS", notes: "" });
  }
});
