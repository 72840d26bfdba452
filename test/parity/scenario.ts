// Scenario files and recorded goldens, in pcs-parity's formats (see README "Tests and conformance"):
// NAME.pcs holds one command a line without `pcs -f FILE`; golden/NAME/steps.json the real pcs's
// {cmd, rc, stdout, stderr} per line and golden/NAME/final.xml its CIB file after the last line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pyStrip } from "./canonical";

export interface ScenarioLine {
  line: string;
  expectFail: boolean;
}

export interface GoldenStep {
  cmd: string;
  rc: number;
  stdout: string;
  stderr: string;
}

export interface Golden {
  steps: GoldenStep[];
  /** the CIB file after the last line; undefined when pcs left none */
  finalXml?: string;
}

/** The command lines of a scenario: blank lines and '#' lines skipped, '# expect: fail' marks the next one. */
export function readScenario(path: string): ScenarioLine[] {
  const lines: ScenarioLine[] = [];
  let expectFail = false;
  // read as Python reads a text file (universal newlines), each line stripped as str.strip() does
  for (const raw of readFileSync(path, "utf8").split(/\r\n|\r|\n/)) {
    const line = pyStrip(raw);
    if (!line) continue;
    if (line.startsWith("#")) {
      if (/^#\s*expect:\s*fail\b/i.test(line)) expectFail = true;
      continue;
    }
    lines.push({ line, expectFail });
    expectFail = false;
  }
  return lines;
}

export function scenarioNames(scenarioDir: string): string[] {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".pcs"))
    .map((f) => f.slice(0, -4))
    .sort();
}

export const hasGolden = (goldenDir: string, name: string): boolean => existsSync(join(goldenDir, name, "steps.json"));

export function readGolden(goldenDir: string, name: string): Golden {
  const dir = join(goldenDir, name);
  const steps = JSON.parse(readFileSync(join(dir, "steps.json"), "utf8")) as GoldenStep[];
  const final = join(dir, "final.xml");
  return { steps, finalXml: existsSync(final) ? readFileSync(final, "utf8") : undefined };
}
