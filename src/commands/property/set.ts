// pcs property set / unset: validate against the daemons' metadata, then edit the first
// cluster_property_set (created as cib-bootstrap-options when missing).
import { updateMultiNvset } from "../../cib/defaults-nvset.js";
import { IdIndex } from "../../cib/ids.js";
import { propertySetForUpdate, validateSetProperties, type PropertyDefinition } from "../../cib/properties.js";
import type { XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { ReportedError, type Reports } from "../../report/index.js";
import { ensureUniqueArgs, prepareOptions, usageError } from "../defaults/args.js";
import { propertyDefinitions } from "./metadata.js";

/** The pure edit: validate, then set or remove the pairs. */
export function setProperties(
  cib: XmlElement,
  properties: ReadonlyMap<string, string>,
  definitions: PropertyDefinition[],
  reports: Reports,
): void {
  const ids = new IdIndex(cib);
  const set = propertySetForUpdate(cib, ids);
  if ("code" in set) throw new ReportedError([set], false);
  const configured = set.children.filter((c) => c.name === "nvpair").map((c) => c.attrs.name ?? "");
  reports.add(...validateSetProperties({ definitions, setId: set.attrs.id ?? "", configured, properties }));
  reports.throwIfErrors();
  updateMultiNvset(set, properties, ids);
}

export async function propertySetCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError();
  const properties = prepareOptions(ctx.args);
  await runSet(ctx, properties);
}

export async function propertyUnsetCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError();
  if (!ctx.force) ensureUniqueArgs(ctx.args);
  await runSet(ctx, new Map(ctx.args.map((name) => [name, ""])));
}

async function runSet(ctx: CommandContext, properties: Map<string, string>): Promise<void> {
  const env = await ctx.env();
  const definitions = propertyDefinitions(env.runner);
  await env.editCib(async (cib, reports) => setProperties(cib, properties, await definitions, reports), ctx.reports);
}
