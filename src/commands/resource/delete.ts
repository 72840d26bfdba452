// pcs resource delete|remove <id> and pcs stonith delete|remove <id>: remove a resource with
// its clone/group wrappers left empty, and every reference to what goes away.
import { cloneInner } from "../../cib/clone.js";
import { section } from "../../cib/document.js";
import { groupMembers } from "../../cib/group.js";
import { removeResourceReferences } from "../../cib/resource-refs.js";
import { RESOURCE_TYPES, searchElement, tagsReferring } from "../../cib/resource-lookup.js";
import { disableResource, resourcesToDelete } from "../../cib/resource-state.js";
import { IdIndex } from "../../cib/ids.js";
import { isClone, isStonith } from "../../cib/resources.js";
import { descendants, detach, serializeXml, type XmlElement } from "../../cib/xml.js";
import { info, quoteList, type ReportItem, type Reports } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { deprecation } from "../../report/index.js";
import { UsageError, failText, getBundle, getClone, getGroup, getMaster, getPrimitive, metaValue, warnIfStonith } from "./common.js";

const say = (text: string): ReportItem => info("RESOURCE_REFERENCE_REMOVED", { text });

/**
 * pcs's resource delete writes the CIB several times (references, then the element), each
 * write that changes something is a new epoch. Stages are counted here; the caller's write
 * adds the last epoch.
 */
class Stages {
  private changed = 0;
  private readonly startEpoch: number;
  constructor(private readonly cib: XmlElement) {
    this.startEpoch = Number(cib.attrs.epoch ?? 0);
  }
  run<T>(body: () => T): T {
    const before = serializeXml(this.cib);
    const result = body();
    if (serializeXml(this.cib) !== before) {
      this.changed++;
      this.cib.attrs.epoch = String(this.startEpoch + this.changed);
    }
    return result;
  }
  finish(): void {
    if (this.changed) this.cib.attrs.epoch = String(this.startEpoch + this.changed - 1);
  }
}

/** The name a remote or guest node of this primitive has (pcs removes location constraints for it). */
function remoteNodeName(primitive: XmlElement): string | undefined {
  const { class: cls = "", provider = "", type = "" } = primitive.attrs;
  if (cls.toLowerCase() === "ocf" && provider.toLowerCase() === "pacemaker" && type.toLowerCase() === "remote") return primitive.attrs.id;
  return metaValue(primitive, "remote-node");
}

function checkTags(cib: XmlElement, id: string): void {
  const { element } = searchElement(cib, RESOURCE_TYPES, id);
  if (!element) return;
  const tags = tagsReferring(cib, resourcesToDelete(element).map((e) => e.attrs.id ?? ""));
  if (tags.length) {
    failText(`Unable to remove resource '${id}' because it is referenced in ${tags.length > 1 ? "tags" : "the tag"}: ${quoteList(tags)}`);
  }
}

function removePrimitive(cib: XmlElement, id: string, out: ReportItem[], stages: Stages): void {
  const primitive = getPrimitive(section(cib, "resources"), id);
  if (!primitive) failText(`Resource '${id}' does not exist.`);
  const group = primitive!.parent?.name === "group" ? primitive!.parent : undefined;
  const membersInGroup = group ? groupMembers(group).length : 0;
  stages.run(() => out.push(...removeResourceReferences(cib, id, true)));
  const remote = remoteNodeName(primitive!);
  if (remote) {
    stages.run(() => {
      for (const location of descendants(cib, "rsc_location")) {
        if (location.attrs.node !== remote) continue;
        out.push(say(`Removing Constraint - ${location.attrs.id}`));
        detach(location);
      }
    });
  }
  if (!group || membersInGroup > 1) {
    const parent = primitive!.parent;
    out.push(say(`Deleting Resource - ${id}`));
    stages.run(() => detach(parent && isClone(parent) ? parent : primitive!));
    return;
  }
  const clone = group.parent && isClone(group.parent) ? group.parent : undefined;
  if (clone) stages.run(() => out.push(...removeResourceReferences(cib, group.attrs.id ?? "")));
  const target = clone ?? group;
  stages.run(() => out.push(...removeResourceReferences(cib, target.attrs.id ?? "", true)));
  out.push(say(`Deleting Resource (${clone ? (clone.name === "master" ? "and group and M/S" : "and group and clone") : "and group"}) - ${id}`));
  stages.run(() => detach(target));
}

function removeBundle(cib: XmlElement, bundle: XmlElement, out: ReportItem[], stages: Stages): void {
  const id = bundle.attrs.id ?? "";
  const inner = bundle.children.find((c) => c.name === "primitive");
  out.push(say(inner ? `Deleting bundle '${id}' and its inner resource '${inner.attrs.id}'` : `Deleting bundle '${id}'`));
  if (inner) removePrimitive(cib, inner.attrs.id ?? "", out, stages);
  stages.run(() => out.push(...removeResourceReferences(cib, id, true)));
  stages.run(() => detach(bundle));
}

/** Remove a resource (primitive, group, clone, bundle) as pcs's resource delete does; returns its messages. */
export function deleteResource(cib: XmlElement, resourceId: string): ReportItem[] {
  const out: ReportItem[] = [];
  const stages = new Stages(cib);
  checkTags(cib, resourceId);
  const resources = section(cib, "resources");
  let id = resourceId;
  const clone = getClone(resources, id) ?? getMaster(resources, id);
  const inner = clone && cloneInner(clone);
  if (inner) id = inner.attrs.id ?? id;
  const bundle = getBundle(resources, id);
  if (bundle) {
    removeBundle(cib, bundle, out, stages);
  } else if (getGroup(resources, id)) {
    const group = getGroup(resources, id)!;
    out.push(say(`Removing group: ${id} (and all resources within group)`));
    out.push(say(`Stopping all resources in group: ${id}...`));
    // pcs stops the group first (crm_resource sets its target-role): one more CIB write
    stages.run(() => disableResource(group, new IdIndex(cib)));
    for (const member of groupMembers(group)) removePrimitive(cib, member.attrs.id ?? "", out, stages);
  } else removePrimitive(cib, id, out, stages);
  stages.finish();
  return out;
}

async function runDelete(ctx: CommandContext, stonith: boolean): Promise<void> {
  if (ctx.args.length !== 1) throw new UsageError();
  const [id] = ctx.args;
  const env = await ctx.env();
  await env.editCib((cib, reports: Reports) => {
    if (stonith) warnIfNotStonith(cib, [id], reports, "pcs resource delete");
    else warnIfStonith(cib, [id], reports, "pcs stonith delete");
    reports.add(...deleteResource(cib, id));
  }, ctx.reports);
}

/** pcs's warning when a stonith command gets a resource id. */
export function warnIfNotStonith(cib: XmlElement, ids: readonly string[], reports: Reports, useInstead?: string): void {
  const resources = section(cib, "resources");
  const any = ids.some((id) => {
    const { element } = searchElement(resources, [...RESOURCE_TYPES], id);
    return element && !isStonith(element);
  });
  if (!any) return;
  reports.add(
    deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", {
      notAcceptedType: "resources",
      suffix: useInstead ? ` Please use '${useInstead}' instead.` : "",
    }),
  );
}

export const resourceDelete = (ctx: CommandContext) => runDelete(ctx, false);
export const stonithDelete = (ctx: CommandContext) => runDelete(ctx, true);
