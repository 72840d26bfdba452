// pcs cluster cib-upgrade: the CIB upgraded to the newest schema by Pacemaker's own `cibadmin --upgrade
// --force`, which also transforms the content between major schema versions (its XSLT). cibadmin works
// on a copy (CIB_file); the result is stored through the environment like any other change.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaAtLeast, upgradeCibSchema } from "../../cib/constraints/common.js";
import { parseXml } from "../../cib/xml-parse.js";
import { appendChild, cloneElement, serializeXml, type XmlElement } from "../../cib/xml.js";
import type { Runner } from "../../host/runner.js";
import { CRM_EX, sbinDir } from "../../env/pacemaker/tools.js";
import { fail, info } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { ensureOnlySupported } from "../quorum/args.js";
import { printUsage } from "./usage.js";

const CIBADMIN_TIMEOUT_MS = 60000;

/** What `cibadmin --upgrade --force` makes of `cib`, run on a temporary copy. */
export async function upgradedByCibadmin(runner: Runner, cib: XmlElement): Promise<XmlElement> {
  const dir = mkdtempSync(join(tmpdir(), "pcs-lite-upgrade-"));
  try {
    const file = join(dir, "cib.xml");
    writeFileSync(file, serializeXml(cib));
    const result = await runner(join(sbinDir(), "cibadmin"), ["--upgrade", "--force"], { env: { CIB_file: file }, timeoutMs: CIBADMIN_TIMEOUT_MS });
    if (result.code === CRM_EX.NOT_INSTALLED && !result.stdout) return headerUpgrade(cib, result.stderr.trim());
    if (result.timedOut) fail("GENERIC", { text: `unable to upgrade cluster: cibadmin did not finish within ${CIBADMIN_TIMEOUT_MS / 1000} s` });
    // pcs prints the tool's output as it came, then its own newline (the console adds none after a newline)
    const output = `${result.stderr}${result.stdout}`;
    if (result.code !== 0) fail("GENERIC", { text: `unable to upgrade cluster: ${output}${output.endsWith("\n") ? "\n" : ""}` });
    return parseXml(readFileSync(file, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Without Pacemaker's tools: within schema 3.x the upgrade changes the header only (no transformation
 * applies), as cibadmin does it; an older schema needs cibadmin's XSLT.
 */
function headerUpgrade(cib: XmlElement, why: string): XmlElement {
  if (!schemaAtLeast(cib, 3, 0)) fail("GENERIC", { text: `unable to upgrade cluster: unable to run ${join(sbinDir(), "cibadmin")}: ${why}` });
  const upgraded = cloneElement(cib);
  if (upgradeCibSchema(upgraded)) upgraded.attrs.num_updates = "2";
  return upgraded;
}

function takeOver(target: XmlElement, source: XmlElement): void {
  target.children = [];
  for (const child of source.children) appendChild(target, cloneElement(child));
  target.attrs = { ...source.attrs };
}

export async function cibUpgradeCommand(ctx: CommandContext): Promise<void> {
  ensureOnlySupported(ctx, ["-f"]);
  if (ctx.args.length) printUsage(ctx);
  const env = await ctx.env();
  if (env.kind === "file") {
    // the file gets cibadmin's CIB as it is, version included (the edit path would count a change on top)
    await env.transformCib!(async (current) => {
      const upgraded = await upgradedByCibadmin(env.runner, current);
      return serializeXml(upgraded) !== serializeXml(current) ? upgraded : undefined;
    });
  } else {
    await env.editCib(async (cib) => {
      const upgraded = await upgradedByCibadmin(env.runner, cib);
      if (serializeXml(upgraded) === serializeXml(cib)) return;
      takeOver(cib, upgraded);
      // the cluster counts the change from here, as after the header-only upgrades of other commands
      cib.attrs.num_updates = "0";
    }, ctx.reports);
  }
  ctx.reports.add(info("CIB_UPGRADED", {}));
}
