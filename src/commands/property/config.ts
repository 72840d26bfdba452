// pcs property [config [<name> | --all | --defaults]] (and the deprecated list / show).
import { findSection } from "../../cib/document.js";
import { descendants } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { argError, usageError } from "../defaults/args.js";
import { propertyDefinitions } from "./metadata.js";

const BANNED_FROM_DEFAULTS = ["dc-version", "cluster-infrastructure"];

export async function propertyConfigCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 1) usageError();
  const all = ctx.has("--all");
  const defaultsOnly = ctx.has("--defaults");
  if (all && defaultsOnly) argError("you cannot specify both --all and --defaults");
  const name = ctx.args[0];
  if ((all || defaultsOnly) && name !== undefined) argError("you cannot specify a property when using --all or --defaults");
  const env = await ctx.env();
  const defaults = async () => {
    const values = new Map<string, string>();
    for (const d of await propertyDefinitions(env.runner)) if (!BANNED_FROM_DEFAULTS.includes(d.name)) values.set(d.name, d.default);
    return values;
  };
  let properties = all || defaultsOnly ? await defaults() : new Map<string, string>();
  if (!defaultsOnly) {
    const crmConfig = findSection(await env.readCib(), "crm_config");
    const configured = new Map<string, string>();
    for (const pair of crmConfig ? descendants(crmConfig, "nvpair") : []) {
      if (name === undefined || pair.attrs.name === name) configured.set(pair.attrs.name ?? "", pair.attrs.value ?? "");
    }
    if (all) for (const [k, v] of configured) properties.set(k, v);
    else properties = configured;
  }
  const lines = ["Cluster Properties:"];
  if (properties.size) {
    for (const key of [...properties.keys()].sort()) lines.push(` ${key}: ${properties.get(key)}`);
  } else if (name !== undefined) {
    const fallback = await defaults();
    if (fallback.has(name)) lines.push(` ${name}: ${fallback.get(name)}`);
  }
  ctx.print(lines.join("\n"));
}
