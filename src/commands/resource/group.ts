// pcs resource group add|remove|delete|list and resource ungroup.
import { section } from "../../cib/document.js";
import { groupAdd } from "../../cib/group.js";
import { removeResourceReferences } from "../../cib/resource-refs.js";
import { isClone } from "../../cib/resources.js";
import { appendChild, descendants, detach, type XmlElement } from "../../cib/xml.js";
import type { ReportItem } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { UsageError, failText, getGroup, refuseWaitWithFile } from "./common.js";

/**
 * pcs's resource_group_rm: take resources (all when none given) out of a group, to the end of
 * the resources section (or into the group's clone when it is the clone's last member); an
 * emptied group goes with its references. Returns the messages pcs prints.
 */
export function removeFromGroup(cib: XmlElement, groupId: string, resourceIds: string[]): ReportItem[] {
  const configuration = cib.children.find((c) => c.name === "configuration") ?? cib;
  const group = getGroup(configuration, groupId);
  if (!group) failText(`Group '${groupId}' does not exist`);
  const members = descendants(group!, "primitive");
  const toMove: XmlElement[] = [];
  if (!resourceIds.length) toMove.push(...members);
  for (const id of resourceIds) {
    const found = members.find((p) => p.attrs.id === id);
    if (!found) failText(`Resource '${id}' does not exist in group '${groupId}'`);
    toMove.push(found!);
  }
  const cloned = !!group!.parent && isClone(group!.parent);
  if (cloned && members.length > 1 && toMove.length === members.length) failText("Cannot remove all resources from a cloned group");
  const target = cloned && members.length > 1 ? section(cib, "resources") : group!.parent!;
  for (const resource of toMove) appendChild(target, resource);
  if (!descendants(group!, "primitive").length) {
    detach(group!);
    return removeResourceReferences(cib, groupId, true);
  }
  return [];
}

export async function groupAddCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) throw new UsageError();
  const [groupId, ...resourceIds] = ctx.args;
  if (ctx.has("--after") && ctx.has("--before")) throw new UsageError("you cannot specify both --before and --after");
  const adjacentId = ctx.value("--after") ?? ctx.value("--before");
  refuseWaitWithFile(ctx);
  await (await ctx.env()).editCib((cib, reports) => {
    groupAdd(cib, { groupId, resourceIds, adjacentId, putAfter: !ctx.has("--before") }, reports);
  }, ctx.reports);
}

export async function groupRemoveCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const [groupId, ...resourceIds] = ctx.args;
  await (await ctx.env()).editCib((cib, reports) => {
    const messages = removeFromGroup(cib, groupId, resourceIds);
    refuseWaitWithFile(ctx);
    reports.add(...messages);
  }, ctx.reports);
}

export async function groupListCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) throw new UsageError();
  const cib = await (await ctx.env()).readCib();
  for (const group of descendants(cib, "group")) {
    ctx.print([`${group.attrs.id}:`, ...descendants(group, "primitive").map((p) => p.attrs.id)].join(" "));
  }
}
