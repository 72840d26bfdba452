// pcs-parity's verdict on one replayed scenario, rule for rule: every line succeeds or fails as the
// golden's (a failing line says "Error:", or "Usage:" where pcs printed a usage), the final CIB equals
// the golden's canonically, and for out-* scenarios the last line's stdout equals the golden's.
import { canonicalLines, normalizeOutput, pyStrip } from "./canonical";
import type { Golden, ScenarioLine } from "./scenario";

export interface StepResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface Verdict {
  name: string;
  pass: boolean;
  rc: boolean;
  cib: boolean;
  /** undefined for scenarios that do not compare output */
  out?: boolean;
  notes: string[];
}

function errorMarkerOk(goldenStderr: string, gotStderr: string): boolean {
  if (goldenStderr.includes("Error:")) return gotStderr.includes("Error:");
  if (goldenStderr.includes("Usage:")) return gotStderr.includes("Usage:");
  return pyStrip(gotStderr) !== "";
}

/** A short unified-style listing of what differs, for the notes of a failing scenario. */
function differences(want: string[], got: string[], limit: number): string[] {
  const lines: string[] = [];
  const max = Math.max(want.length, got.length);
  for (let i = 0; i < max && lines.length < limit; i++) {
    if (want[i] === got[i]) continue;
    if (want[i] !== undefined) lines.push(`      -${want[i]}`);
    if (got[i] !== undefined) lines.push(`      +${got[i]}`);
  }
  return lines;
}

export function judge(name: string, lines: ScenarioLine[], golden: Golden, results: StepResult[], toolXml: string | undefined): Verdict {
  const { steps, finalXml } = golden;
  const notes: string[] = [];

  let rcOk = steps.length === lines.length && steps.every((s, i) => s.cmd === lines[i].line);
  if (!rcOk) notes.push("golden does not match the scenario file: re-record it (--record)");
  const count = Math.min(lines.length, steps.length, results.length);
  for (let i = 0; i < count; i++) {
    const step = steps[i];
    const { rc, stderr } = results[i];
    const goldenOk = step.rc === 0;
    let problem: string | undefined;
    if (goldenOk !== (rc === 0)) problem = `line ${i + 1}: golden rc=${step.rc}, got rc=${rc}`;
    else if (!goldenOk && !errorMarkerOk(step.stderr, stderr)) {
      problem = `line ${i + 1}: failed as expected but stderr lacks '${step.stderr.includes("Error:") ? "Error:" : "Usage:"}'`;
    }
    if (problem) {
      rcOk = false;
      notes.push(`${problem}  [${lines[i].line}]`);
      for (const l of stderr.trim().split("\n").filter(Boolean).slice(0, 6)) notes.push(`      got stderr: ${l.slice(0, 200)}`);
      for (const l of step.stderr.trim().split("\n").filter(Boolean).slice(0, 6)) notes.push(`   golden stderr: ${l.slice(0, 200)}`);
    }
  }

  let cibOk = false;
  if (finalXml === undefined && toolXml === undefined) cibOk = true;
  else if (finalXml === undefined) notes.push("cib: golden has no CIB file but the tool wrote one");
  else if (toolXml === undefined) notes.push("cib: the tool left no CIB file");
  else {
    const want = canonicalLines(finalXml);
    let got: string[] | undefined;
    try {
      got = canonicalLines(toolXml);
    } catch (e) {
      notes.push(`cib: tool CIB is not well-formed XML: ${(e as Error).message}`);
    }
    if (got) {
      cibOk = want.length === got.length && want.every((l, i) => l === got[i]);
      if (!cibOk) notes.push("cib: final CIB differs", ...differences(want, got, 40));
    }
  }

  let outOk: boolean | undefined;
  if (name.startsWith("out-")) {
    if (!steps.length || !results.length) outOk = false;
    else {
      const want = normalizeOutput(steps[steps.length - 1].stdout);
      const got = normalizeOutput(results[results.length - 1].stdout);
      outOk = want.length === got.length && want.every((l, i) => l === got[i]);
      if (!outOk) notes.push(`output: stdout of the last line differs [${lines[lines.length - 1].line}]`, ...differences(want, got, 30));
    }
  }

  return { name, pass: rcOk && cibOk && outOk !== false, rc: rcOk, cib: cibOk, out: outOk, notes };
}

/** The tool's status column: PASS, or FAIL with the failed aspects. */
export function statusOf(v: Verdict): string {
  if (v.pass) return "PASS";
  const flags = [!v.rc && "rc", !v.cib && "cib", v.out === false && "output"].filter(Boolean);
  return `FAIL (${flags.join(", ")})`;
}

/** The tool's last line: cli parity: P/N scenarios match (cib P1/N, rc P2/N, output P3/N3). */
export function summaryLine(names: string[], verdicts: Verdict[]): string {
  const n = names.length;
  const count = (f: (v: Verdict) => boolean) => verdicts.filter(f).length;
  const nOut = names.filter((x) => x.startsWith("out-")).length;
  return (
    `cli parity: ${count((v) => v.pass)}/${n} scenarios match ` +
    `(cib ${count((v) => v.cib)}/${n}, rc ${count((v) => v.rc)}/${n}, output ${count((v) => v.out === true)}/${nOut})`
  );
}
