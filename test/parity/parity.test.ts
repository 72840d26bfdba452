// The conformance suite: every scenario in test/parity/scenarios is replayed against the goldens in
// test/parity/golden, recorded from the real pcs 0.11.5 by ../shared/tools/pcs-parity, and judged by
// the same rules (replay.ts, compare.ts). The lines run in this process through the CLI's entry
// (src/cli/run.ts); a few scenarios also run end to end through bin/pcs, one process a line, and must
// give the same output, exit codes and CIB as in-process.
// Scenarios listed in known-gaps.txt are expected to differ still; the test fails when one of them
// starts to match, so that the list (and the parity figure in our notes) stays true.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PCS, ROOT } from "../helpers/cli";
import { restoreStdio } from "../helpers/in-process";
import { canonicalLines } from "./canonical";
import { statusOf, summaryLine, type Verdict } from "./compare";
import { asProcess, inProcess, replayScenario, replaySuite, type Replayed } from "./replay";
import { hasGolden, scenarioNames } from "./scenario";

const dirs = { scenarioDir: join(ROOT, "test", "parity", "scenarios"), goldenDir: join(ROOT, "test", "parity", "golden") };
const names = scenarioNames(dirs.scenarioDir);
const knownGaps = new Set(
  readFileSync(join(ROOT, "test", "parity", "known-gaps.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean),
);
// one of each kind: JSON and text output, an error, a usage text, agents' metadata, fence agents, rules
const END_TO_END = ["out-res-config-json", "out-qa-stonith-config", "err-qa-create-bad-op", "err-con-location-usage", "res-clone-basic", "con-rule-complex"];

const verdicts = new Map<string, Verdict>();

beforeAll(async () => {
  for (const v of await replaySuite(dirs, names, inProcess)) verdicts.set(v.name, v);
  process.stdout.write(`${summaryLine(names, [...verdicts.values()])}\n`);
}, 600000);

afterAll(() => restoreStdio());

test("the suite has scenarios, each with a golden", () => {
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((n) => !hasGolden(dirs.goldenDir, n))).toEqual([]);
});

test.each(names)("%s", (name) => {
  const verdict = verdicts.get(name);
  const status = verdict && statusOf(verdict);
  if (knownGaps.has(name)) {
    expect({ name, status: status?.startsWith("FAIL") ? "still differs" : status }).toEqual({ name, status: "still differs" });
  } else {
    const notes = verdict && !verdict.pass ? verdict.notes.join("\n") : "";
    expect({ name, status, notes }).toEqual({ name, status: "PASS", notes: "" });
  }
});

describe("end to end through bin/pcs", () => {
  test.each(END_TO_END)("%s: the same as in-process", async (name) => {
    if (!existsSync(join(ROOT, "dist", "pcs.js"))) throw new Error("bin/pcs needs the bundle: run `node scripts/build.mjs` (npm test does)");
    const alone = await replayScenario(dirs, name, asProcess(PCS));
    const inside = await replayScenario(dirs, name, inProcess);
    const placed = (r: Replayed) => r.results.map((s) => JSON.parse(JSON.stringify(s).split(r.dir).join("<dir>")) as unknown);
    expect(placed(alone)).toEqual(placed(inside));
    const cib = (xml?: string) => (xml === undefined ? undefined : canonicalLines(xml));
    expect(cib(alone.xml)).toEqual(cib(inside.xml));
    expect(statusOf(alone)).toBe(knownGaps.has(name) ? statusOf(inside) : "PASS");
  }, 120000);
});
