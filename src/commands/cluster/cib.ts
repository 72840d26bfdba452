// pcs cluster cib [FILE] [scope=<scope> | --config]: print or save the raw CIB.
import { SECTIONS, findSection } from "../../cib/document.js";
import { serializeXml, type XmlElement } from "../../cib/xml.js";
import { writeFileAtomic } from "../../host/atomic.js";
import { fail } from "../../report/index.js";
import type { CommandContext } from "../context.js";

const SCOPES = ["configuration", ...SECTIONS] as const;

export async function cibCommand(ctx: CommandContext): Promise<void> {
  let scope: string | undefined = ctx.has("--config") ? "configuration" : undefined;
  let target: string | undefined;
  for (const arg of ctx.args) {
    if (arg.startsWith("scope=")) {
      if (scope !== undefined) fail("MUTUALLY_EXCLUSIVE_OPTIONS", { options: ["--config", "scope"] });
      scope = arg.slice("scope=".length);
      if (!(SCOPES as readonly string[]).includes(scope)) fail("GENERIC", { text: `invalid CIB scope '${scope}'` });
    } else if (target === undefined) target = arg;
    else fail("GENERIC", { text: "Too many arguments" });
  }
  const cib = await (await ctx.env()).readCib();
  let element: XmlElement | undefined = cib;
  if (scope === "configuration") element = cib.children.find((c) => c.name === "configuration");
  else if (scope) element = findSection(cib, scope as (typeof SECTIONS)[number]);
  if (!element) fail("CIB_SECTION_MISSING", { section: scope ?? "cib" });
  const text = serializeXml(element);
  if (target === undefined) ctx.print(text.trimEnd());
  else writeFileAtomic(target, text);
}
