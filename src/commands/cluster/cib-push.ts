// pcs cluster cib-push FILE [diff-against=ORIG | scope=S | --config]: replace the CIB (or a section
// of it) with a file, or apply the difference between two files. Works on -f files and live clusters.
import { readFileSync } from "node:fs";
import type { CommandContext } from "../context.js";
import { SECTIONS } from "../../cib/document.js";
import { cibVersion, compareVersions } from "../../cib/document.js";
import { createPatch, patchIsEmpty } from "../../cib/diff.js";
import { applyPatch, PatchError } from "../../cib/patch.js";
import { appendChild, cloneElement, descendants, type XmlElement } from "../../cib/xml.js";
import { parseXml } from "../../cib/xml-parse.js";
import { readXmlText } from "../../cib/xml-check.js";
import { cibRootProblem } from "../../cib/root-attributes.js";
import { fail } from "../../report/index.js";
import { printUsage } from "./usage.js";

function usage(ctx: CommandContext): never {
  return printUsage(ctx);
}

function readCibFile(file: string): XmlElement {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail("GENERIC", { text: `unable to parse new cib: [Errno 2] ${err.code === "ENOENT" ? "No such file or directory" : err.message}: '${file}'` });
  }
  try {
    return parseXml(readXmlText(bytes));
  } catch (e) {
    return fail("GENERIC", { text: `unable to parse new cib: ${(e as Error).message}` });
  }
}

function replaceChildren(target: XmlElement, source: XmlElement): void {
  target.children = [];
  for (const child of source.children) appendChild(target, cloneElement(child));
  target.attrs = { ...source.attrs };
}

export async function cibPushCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 2) usage(ctx);
  let file: string | undefined;
  let scope: string | undefined;
  let diffAgainst: string | undefined;
  for (const arg of ctx.args) {
    const eq = arg.indexOf("=");
    if (eq < 0) {
      file = arg;
      continue;
    }
    const [name, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    if (name === "scope") {
      if (ctx.has("--config")) fail("GENERIC", { text: "Cannot use both scope and --config" });
      if (value !== "configuration" && !(SECTIONS as readonly string[]).includes(value)) fail("GENERIC", { text: `invalid CIB scope '${value}'` });
      scope = value;
    } else if (name === "diff-against") diffAgainst = value;
    else usage(ctx);
  }
  if (ctx.has("--config")) scope = "configuration";
  if (diffAgainst && scope) fail("GENERIC", { text: "Cannot use both scope and diff-against" });
  if (!file) usage(ctx);
  const pushed = readCibFile(file);
  const pushedScope = scope ? (pushed.name === scope ? pushed : descendants(pushed, scope)[0]) : undefined;
  if (scope && !pushedScope) fail("GENERIC", { text: `unable to push cib, scope '${scope}' not present in new cib` });

  const env = await ctx.env();
  if (diffAgainst) {
    const original = readCibFile(diffAgainst);
    const patch = createPatch(original, pushed);
    if (patchIsEmpty(patch)) {
      process.stderr.write("The new CIB is the same as the original CIB, nothing to push.\n");
      return;
    }
    // like crm_diff --no-version: the changes apply to whatever version the CIB has now
    patch.children = patch.children.filter((c) => c.name !== "version" && !(c.attrs.operation === "modify" && c.attrs.path === "/cib"));
    await env.editCib((cib) => {
      try {
        applyPatch(cib, patch);
      } catch (e) {
        if (e instanceof PatchError) fail("GENERIC", { text: `unable to push cib\n${e.message}` });
        throw e;
      }
    }, ctx.reports);
  } else {
    await env.editCib((cib) => {
      if (scope) {
        const target = scope === "configuration" ? cib.children.find((c) => c.name === "configuration") : descendants(cib, scope)[0];
        if (target) replaceChildren(target, pushedScope!);
        else {
          const config = cib.children.find((c) => c.name === "configuration");
          if (config) appendChild(config, cloneElement(pushedScope!));
        }
        return;
      }
      // the pushed root's attributes are taken over: the schema must allow them (cibadmin refuses them too)
      const rootProblem = pushed.name === "cib" ? cibRootProblem(pushed) : undefined;
      if (rootProblem) fail("GENERIC", { text: `unable to push cib, ${rootProblem}` });
      if (compareVersions(cibVersion(pushed), cibVersion(cib)) < 0) {
        fail("GENERIC", {
          text:
            "Unable to push to the CIB because pushed configuration is older than existing one. If you are sure you " +
            "want to push this configuration, try to use --config to replace only configuration part instead of whole " +
            "CIB. Otherwise get current configuration by running command 'pcs cluster cib' and update that.",
        });
      }
      const version = { admin_epoch: cib.attrs.admin_epoch, epoch: cib.attrs.epoch, num_updates: cib.attrs.num_updates };
      replaceChildren(cib, pushed);
      // the store bumps the epoch once; start from the version it holds so the patch applies
      Object.assign(cib.attrs, version);
    }, ctx.reports);
  }
  process.stderr.write("CIB updated\n");
}
