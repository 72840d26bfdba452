// The CIB through cibadmin, as pcs on a cluster node reads and writes it: `cibadmin --local --query`,
// `cibadmin --patch --verbose --xml-pipe` with a format-2 patch, `cibadmin --replace` for a whole
// document. Our patches carry their source version, so the CIB manager refuses one made from a CIB
// that changed meanwhile ("Update was older than existing configuration"): a conflict, not an error.
import { parseXml } from "../../cib/xml-parse.js";
import type { XmlElement } from "../../cib/xml.js";
import { fail } from "../../report/index.js";
import { CRM_EX, failIfNotRun, type Tools } from "./tools.js";

export type PushOutcome = "applied" | "conflict" | "not-applicable";

/** pcs's CibLoadError: its text is all pcs shows, whatever cibadmin said. */
const cibLoadError = (): never => fail("GENERIC", { text: "unable to get cib" });

/** pcs's CibPushError: cibadmin's stderr, then its stdout. */
const cibPushError = (stderr: string, stdout: string): never => fail("GENERIC", { text: `Unable to update cib\n${stderr}\n${stdout}`.replace(/\n+$/, "") });

export async function queryCib(tools: Tools, timeoutMs: number): Promise<XmlElement> {
  const result = await tools.run("cibadmin", ["--local", "--query"], { timeoutMs });
  failIfNotRun("cibadmin", result, timeoutMs);
  if (result.code !== CRM_EX.OK) cibLoadError();
  try {
    return parseXml(result.stdout);
  } catch {
    return cibLoadError();
  }
}

/** What the CIB manager answers to a patch whose source version is not the current one. */
const isVersionConflict = (code: number, stderr: string): boolean => code === CRM_EX.OLD || /Update was older than existing configuration/.test(stderr);
/** A patch the CIB manager could not apply to its document (its paths do not match): a replace may still do. */
const isInapplicable = (stderr: string): boolean => /Application of (an )?update diff failed/i.test(stderr);

export async function pushPatch(tools: Tools, patch: string, timeoutMs: number): Promise<PushOutcome> {
  const result = await tools.run("cibadmin", ["--patch", "--verbose", "--xml-pipe"], { stdin: patch, timeoutMs });
  failIfNotRun("cibadmin", result, timeoutMs);
  if (result.code === CRM_EX.OK) return "applied";
  if (isVersionConflict(result.code, result.stderr)) return "conflict";
  if (isInapplicable(result.stderr)) return "not-applicable";
  return cibPushError(result.stderr, result.stdout);
}

/**
 * The whole document, `cib` carrying the version it is to have: the CIB manager takes it only when
 * that is newer than its own, so a change made meanwhile is a conflict here too.
 */
export async function replaceWholeCib(tools: Tools, cib: string, timeoutMs: number): Promise<PushOutcome> {
  const result = await tools.run("cibadmin", ["--replace", "--verbose", "--xml-pipe"], { stdin: cib, timeoutMs });
  failIfNotRun("cibadmin", result, timeoutMs);
  if (result.code === CRM_EX.OK) return "applied";
  if (isVersionConflict(result.code, result.stderr)) return "conflict";
  return cibPushError(result.stderr, result.stdout);
}
