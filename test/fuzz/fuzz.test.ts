// Generated bad input (seeded, see generate.ts): mutated command lines of the parity scenarios and
// damaged CIB files, each judged by check.ts; then every case kept in corpus/ (inputs that once
// failed). The lines run in this process through the CLI's entry; a few also through bin/pcs.
// Larger runs: FUZZ_SEED=n FUZZ_COMMANDS=5000 FUZZ_CIBS=300 npx jest test/fuzz/fuzz.test.ts;
// FUZZ_RECORD=1 adds the cases that fail to corpus/.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { haveTool, PCS, ROOT } from "../helpers/cli";
import { restoreStdio, type CapturedRun } from "../helpers/in-process";
import { caseName, runCase, type Run, type Tools, type Verdict } from "./check";
import { generateCases, type FuzzCase } from "./generate";

const FUZZ = join(ROOT, "test", "fuzz");
const CORPUS = join(FUZZ, "corpus");
const BASES = join(FUZZ, "bases");
const SEED = Number(process.env.FUZZ_SEED ?? 20240614);
const COMMANDS = Number(process.env.FUZZ_COMMANDS ?? 500);
const CIBS = Number(process.env.FUZZ_CIBS ?? 80);
/** what each damaged file is given to: a read, a create, and an edit that writes (--force: pcs warns, then sets) */
const CIB_COMMANDS = [["resource", "config"], ["resource", "create", "x", "ocf:heartbeat:Dummy"], ["property", "set", "a=b", "--force"]];

const tools: Tools = { crmVerify: haveTool("crm_verify"), xmllint: haveTool("xmllint") };
/** A kept input: the case, what was found, and (while the fix is still to be made) what it waits for. */
interface Kept {
  found: string[];
  pending?: string;
  case: FuzzCase;
}
const corpus: { name: string; kept: Kept }[] = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => ({ name: f.slice(0, -5), kept: JSON.parse(readFileSync(join(CORPUS, f), "utf8")) as Kept }))
  : [];

interface Failure {
  fuzzCase: FuzzCase;
  verdict: Verdict;
}

const describeCase = (c: FuzzCase) =>
  c.kind === "command" ? `pcs ${JSON.stringify(c.args)} (${c.origin}: ${c.mutation}${c.base ? `, on ${c.base}` : ""})` : `${c.damage.type} ${JSON.stringify(c.damage).slice(0, 120)} (${c.layout}), then pcs ${c.args.join(" ")}`;

const describeFailure = ({ fuzzCase, verdict }: Failure) =>
  `${describeCase(fuzzCase)}\n    exit ${verdict.code}: ${verdict.problems.join("; ")}\n    stderr: ${JSON.stringify(verdict.stderr.slice(0, 300))}`;

async function runAll(cases: FuzzCase[], run?: Run): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const fuzzCase of cases) {
    const dir = mkdtempSync(join(tmpdir(), "pcs-fuzz-"));
    try {
      const verdict = await runCase(fuzzCase, { dir, basesDir: BASES, tools, run });
      if (verdict.problems.length) failures.push({ fuzzCase, verdict });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return failures;
}

function record(failures: Failure[]): void {
  for (const { fuzzCase, verdict } of failures) {
    const file = join(CORPUS, `${caseName(fuzzCase)}.json`);
    const kept: Kept = { found: verdict.problems, case: fuzzCase };
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(kept, null, 2) + "\n");
  }
}

/** bin/pcs as a process of its own (stdin empty, a deadline). */
const asProcess: Run = (args) =>
  new Promise<CapturedRun>((resolve) => {
    const child = spawn(PCS, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? 124 : (code ?? 1), stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });

afterAll(() => restoreStdio());

test(`${COMMANDS} mutated command lines and ${CIBS} damaged CIB files x ${CIB_COMMANDS.length} commands (seed ${SEED})`, async () => {
  const cases = generateCases({ seed: SEED, commands: COMMANDS, cibs: CIBS, scenarioDir: join(ROOT, "test", "parity", "scenarios"), basesDir: BASES, cibCommands: CIB_COMMANDS });
  const started = Date.now();
  const failures = await runAll(cases);
  process.stdout.write(`fuzz: ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failed\n`);
  if (process.env.FUZZ_RECORD === "1") record(failures);
  expect(failures.map(describeFailure)).toEqual([]);
}, 600000);

describe("the corpus: inputs that once failed", () => {
  test("has cases", () => expect(corpus.length).toBeGreaterThan(0));
  // a case whose fix is still to be made is expected to fail: once it passes, drop its "pending"
  for (const { name, kept } of corpus) {
    (kept.pending ? test.failing : test)(kept.pending ? `${name} (pending: ${kept.pending})` : name, async () => {
      const failures = await runAll([kept.case]);
      expect(failures.map(describeFailure)).toEqual([]);
    });
  }
});

describe("end to end through bin/pcs", () => {
  // damaged files are read before any command runs: the same judgement from a process of its own
  const sample = corpus.filter((c) => c.kept.case.kind === "cib" && !c.kept.pending).slice(0, 6);
  test.each(sample.map((c) => [c.name, c.kept.case] as const))("%s", async (_name, fuzzCase) => {
    if (!existsSync(join(ROOT, "dist", "pcs.js"))) throw new Error("bin/pcs needs the bundle: run `node scripts/build.mjs` (npm test does)");
    const failures = await runAll([fuzzCase], asProcess);
    expect(failures.map(describeFailure)).toEqual([]);
  });
});
