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
import { info, quoteList, ReportedError, type ReportItem, type Reports } from "../../report/index.js";
import type { Env } from "../../env/index.js";
import { resourceState } from "./cluster-state.js";
import { waitQuietly } from "./wait.js";
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

interface DeleteOptions {
  /** the group's "Removing group" / "Stopping all resources" lines went out already */
  announced?: boolean;
  /** pcs says nothing more after it stopped the resource (crm_resource's output overwrites its flag) */
  quiet?: boolean;
}

/** Remove a resource (primitive, group, clone, bundle) as pcs's resource delete does; returns its messages. */
export function deleteResource(cib: XmlElement, resourceId: string, options: DeleteOptions = {}): ReportItem[] {
  const out: ReportItem[] = [];
  const stages = new Stages(cib);
  checkTags(cib, resourceId);
  const resources = section(cib, "resources");
  const id = innerId(resources, resourceId);
  const bundle = getBundle(resources, id);
  if (bundle) {
    removeBundle(cib, bundle, out, stages);
  } else if (getGroup(resources, id)) {
    const group = getGroup(resources, id)!;
    if (!options.announced) out.push(...groupAnnouncement(id));
    // pcs stops the group first (crm_resource sets its target-role): one more CIB write
    stages.run(() => disableResource(group, new IdIndex(cib)));
    for (const member of groupMembers(group)) removePrimitive(cib, member.attrs.id ?? "", out, stages);
  } else removePrimitive(cib, id, out, stages);
  stages.finish();
  return options.quiet ? [] : out;
}

/** A clone or master stands for the resource inside it, as pcs has it. */
function innerId(resources: XmlElement, id: string): string {
  const clone = getClone(resources, id) ?? getMaster(resources, id);
  const inner = clone && cloneInner(clone);
  return inner?.attrs.id ?? id;
}

const groupAnnouncement = (id: string): ReportItem[] => [say(`Removing group: ${id} (and all resources within group)`), say(`Stopping all resources in group: ${id}...`)];

const isRunning = (cib: XmlElement, id: string): boolean => Object.keys(resourceState(cib, id)).length > 0;

/** Reports so far go out now: pcs prints each as it happens, before the wait. */
function printReports(ctx: CommandContext): void {
  for (const item of ctx.reports.items) {
    const prefix = item.severity === "warning" ? "Warning: " : item.severity === "deprecation" ? "Deprecation Warning: " : "";
    process.stderr.write(`${prefix}${item.message}\n`);
  }
  ctx.reports.items.length = 0;
}

/**
 * On a live cluster without --force pcs stops what it deletes first: sets its target-role to Stopped,
 * waits for the cluster (`crm_resource --wait`), and refuses when it still runs. Returns what the
 * deletion is then to leave out of its messages.
 */
async function stopBeforeDelete(ctx: CommandContext, env: Env, resourceId: string, warn: (cib: XmlElement, reports: Reports) => void): Promise<DeleteOptions | undefined> {
  const cib = await env.readCib();
  const resources = section(cib, "resources");
  const id = innerId(resources, resourceId);
  const bundle = getBundle(resources, id);
  const group = bundle ? undefined : getGroup(resources, id);
  if (!group && (!(bundle ?? getPrimitive(resources, id)) || !isRunning(cib, id))) return undefined;
  warn(cib, ctx.reports);
  checkTags(cib, resourceId);
  if (group) ctx.reports.add(...groupAnnouncement(id));
  printReports(ctx);
  if (!group) process.stderr.write(bundle ? `Stopping bundle '${id}'... ` : `Attempting to stop: ${id}... `);
  await env.editCib((edited) => {
    const element = searchElement(section(edited, "resources"), RESOURCE_TYPES, id).element;
    if (element) disableResource(element, new IdIndex(edited));
  }, ctx.reports);
  let waitError = "";
  try {
    await waitQuietly(env, 0, `${id} to stop`);
  } catch (e) {
    if (!(e instanceof ReportedError)) throw e;
    // crm_resource's own words, as pcs adds them
    waitError = e.reports.map((r) => r.message.replace(/^waiting timeout\n\n/, "")).join("\n");
  }
  const after = await env.readCib();
  const members = group ? groupMembers(group).map((m) => m.attrs.id ?? "") : [id];
  if (members.some((m) => isRunning(after, m))) {
    if (!group) process.stderr.write("\n");
    const what = group ? `group: ${id}` : `: ${id}`;
    failText([`Unable to stop${what} before deleting (re-run with --force to force deletion)`, ...(waitError ? ["", waitError] : [])].join("\n").trim());
  }
  if (group) return { announced: true };
  process.stderr.write("Stopped\n");
  return { quiet: !bundle };
}

async function runDelete(ctx: CommandContext, stonith: boolean): Promise<void> {
  if (ctx.args.length !== 1) throw new UsageError();
  const [id] = ctx.args;
  const env = await ctx.env();
  const warn = (cib: XmlElement, reports: Reports) => {
    if (stonith) warnIfNotStonith(cib, [id], reports, "pcs resource delete");
    else warnIfStonith(cib, [id], reports, "pcs stonith delete");
  };
  const stopped = env.kind === "live" && !ctx.force ? await stopBeforeDelete(ctx, env, id, warn) : undefined;
  await env.editCib((cib, reports: Reports) => {
    if (!stopped) warn(cib, reports);
    reports.add(...deleteResource(cib, id, stopped));
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
