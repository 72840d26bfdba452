// Runs one generated case and judges it by the rules every pcs command keeps on any input: no
// JavaScript error shows; exit 0 leaves a CIB that crm_verify accepts (no error the input did not
// have already); any other exit is 1 with an "Error: ..." report (or pcs's usage text) and the file
// byte for byte as it was; a damaged file that xmllint rejects is rejected.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsInProcess, type CapturedRun } from "../helpers/in-process";
import { applyDamage, baseText, type FuzzCase } from "./generate";

export interface Tools {
  crmVerify: boolean;
  xmllint: boolean;
}

export interface Verdict {
  problems: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** whether the command changed the file */
  changed: boolean;
  /** for damaged files: whether xmllint accepts the file (undefined without xmllint) */
  wellFormed?: boolean;
}

export type Run = (args: string[]) => Promise<CapturedRun>;
export const inProcess: Run = (args) => pcsInProcess(args, 30000);

const JS_ERROR = [
  /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError)\b/,
  /Maximum call stack/,
  /internal error/i,
  /Invalid (string|array) length/,
  /Cannot read propert|is not a function|is not iterable|Cannot convert undefined/,
  /\[object Object\]/,
];

// errors crm_verify reports on CIBs the real pcs 0.11.5 writes too (its recorded goldens show them):
// pcs does not check these values, so matching pcs means writing them as well
const ALSO_WRITTEN_BY_PCS = [
  /Unknown role:/, // err-qa-create-bad-meta: meta target-role=Bogus; constraint location ... rule role= ...
  /Ignoring 'target-role' for /,
  /Using default value for cluster option '.*' because '.*' is invalid/, // prop-set-force-bad-values (--force)
  /because start action cannot be recurring/, // res-op-add-ids
  /Resetting 'loss-policy' for ticket '.*' to 'stop' because fencing is not configured/, // ticket add ... loss-policy=fence
  /Bad role specified for /, // constraint location ... rule role= ...
  /is not a valid ISO 8601 date\/time specification|Ignoring 'interval-origin' for operation/, // op ... interval-origin=abc
];
/**
 * crm_verify ignores a constraint (or a resource set) on a resource that a clone holds: pcs moves
 * none of them when it clones a resource or a group.
 */
const onClonedResource = (line: string, cib: string): boolean => {
  const m = /Ignoring (?:constraint|resource sets for constraint) '.*' because '(.*)' is not a valid resource or tag|_set: No resource found for (.*)$/.exec(line);
  return !!m && cib.includes(` id="${m[1] ?? m[2]}"`);
};

/** What real pcs 0.11.5 does on failure too, in the very same way (checked with pcs -f). */
const PCS_FAILS_SO_TOO = {
  // `node attribute N name=` for an attribute the node does not have: crm_attribute's exit 2
  exitCode: (code: number, stderr: string) => code === 2 && /doesn't exist for node/.test(stderr),
  // `constraint delete|remove A B` deletes the constraints it finds before it reports the missing ones
  changesFile: (args: readonly string[]) => args[0] === "constraint" && ["delete", "remove"].includes(args[1]) && args.length > 3,
};

// what may come before the error report on stderr, as pcs writes it
const NOTICE = /^(Warning: |Deprecation Warning: |Hint: |(Cluster )?CIB has been upgraded|Assumed agent name |Usage: pcs |\s*$)/;

const NO_STONITH = /STONITH resources have been defined|disable STONITH with the stonith-enabled option|Clusters with shared data need STONITH/;

const verifyCache = new Map<string, string[]>();

/** crm_verify's error lines for a CIB text (file names and line numbers taken out), cached by content. */
export function crmVerifyErrors(text: string, dir: string): string[] {
  const key = createHash("sha1").update(text).digest("hex");
  const known = verifyCache.get(key);
  if (known) return known;
  const file = join(dir, "verify.xml");
  writeFileSync(file, text);
  const r = spawnSync("crm_verify", ["--xml-file", file, "-V"], { encoding: "utf8", timeout: 30000 });
  // crm_verify 2.1.5 aborts in its scheduler on some CIBs that pass its schema and unpacking and that real
  // pcs writes as well (an ordered set naming one resource twice): the checks before the abort are its verdict
  const schedulerAbort = r.signal === "SIGABRT" && /Triggered fatal assertion/.test(r.stderr ?? "");
  if (r.error || (r.status === null && !schedulerAbort)) throw new Error(`crm_verify did not finish: ${r.error?.message ?? r.signal}`);
  const lines = `${r.stdout}\n${r.stderr}`
    .split("\n")
    .filter((l) => /error|Relax-NG|did not pass/i.test(l) && !/(Errors|Warnings) found during check|-V may provide/.test(l))
    .map((l) => l.replace(/^[^:\s]*verify\.xml:\d+: /, "").trim())
    .filter((l) => !NO_STONITH.test(l) && !/Triggered fatal assertion/.test(l));
  if (r.status !== 0 && !schedulerAbort && !lines.length && !/(Errors|Warnings) found during check/.test(r.stderr)) lines.push(`crm_verify exit ${r.status}: ${r.stderr.trim()}`);
  verifyCache.set(key, lines);
  return lines;
}

export function xmllintAccepts(file: string): boolean {
  const r = spawnSync("xmllint", ["--noout", "--nonet", file], { encoding: "utf8", timeout: 30000 });
  if (r.error || r.status === null) throw new Error(`xmllint did not finish: ${r.error?.message ?? r.signal}`);
  return r.status === 0;
}

const readOrUndefined = (file: string): Buffer | undefined => (existsSync(file) ? readFileSync(file) : undefined);

/** The CIB file a case starts from (undefined: none), made in `dir`. */
async function prepare(c: FuzzCase, file: string, basesDir: string, run: Run): Promise<void> {
  if (c.kind === "cib") {
    writeFileSync(file, applyDamage(baseText(basesDir, c.base, c.layout), c.damage));
    return;
  }
  if (c.base) writeFileSync(file, baseText(basesDir, c.base, "pretty"));
  for (const line of c.setup) await run(["-f", file, ...line]);
}

export async function runCase(c: FuzzCase, options: { dir: string; basesDir: string; tools: Tools; run?: Run }): Promise<Verdict> {
  const run = options.run ?? inProcess;
  const file = join(options.dir, "cib.xml");
  await prepare(c, file, options.basesDir, run);
  const before = readOrUndefined(file);
  const wellFormed = c.kind === "cib" && options.tools.xmllint ? xmllintAccepts(file) : undefined;
  const r = await run(["-f", file, ...c.args]);
  const after = readOrUndefined(file);
  const changed = before === undefined ? after !== undefined : after === undefined || !before.equals(after);
  const problems: string[] = [];
  const output = `${r.stdout}\n${r.stderr}`;
  for (const pattern of JS_ERROR) if (pattern.test(output)) problems.push(`JavaScript error shown (${pattern})`);
  if (r.code === 124) problems.push("timed out");
  if (r.code === 0) {
    if (wellFormed === false) problems.push("accepted a file xmllint rejects");
    if (changed && options.tools.crmVerify) {
      if (!after) problems.push("exit 0 but the file is gone");
      else {
        const old = new Set(before ? crmVerifyErrors(before.toString("utf8"), options.dir) : []);
        const written = after.toString("utf8");
        const fresh = crmVerifyErrors(written, options.dir).filter((l) => !old.has(l) && !ALSO_WRITTEN_BY_PCS.some((p) => p.test(l)) && !onClonedResource(l, written));
        if (fresh.length) problems.push(`crm_verify rejects the CIB written: ${fresh.slice(0, 3).join(" | ")}`);
      }
    }
  } else {
    if (r.code !== 1 && r.code !== 124 && !PCS_FAILS_SO_TOO.exitCode(r.code, r.stderr)) problems.push(`exit ${r.code}, not 1`);
    // a missing file is created holding an empty CIB before the command runs, as pcs does
    const createdEmpty = before === undefined && after !== undefined && !/<resources>|<constraints>/.test(after.toString("utf8"));
    if (changed && !createdEmpty && !PCS_FAILS_SO_TOO.changesFile(c.args)) problems.push("the file changed although the command failed");
    const lines = r.stderr.split("\n");
    const report = lines.findIndex((l) => l.startsWith("Error: ") || l.startsWith("Usage: pcs "));
    if (report < 0) problems.push(`no "Error: " report: ${JSON.stringify(r.stderr.slice(0, 200))}`);
    else if (!NOTICE.test(lines.find((l) => l.trim()) ?? "") && report !== lines.findIndex((l) => l.trim())) problems.push(`stderr does not start with a report: ${JSON.stringify(r.stderr.slice(0, 200))}`);
  }
  return { problems, code: r.code, stdout: r.stdout, stderr: r.stderr, changed, wellFormed };
}

/** A short stable name for a case (its content's hash), for the corpus. */
export const caseName = (c: FuzzCase): string => `${c.kind}-${createHash("sha1").update(JSON.stringify(c)).digest("hex").slice(0, 10)}`;
