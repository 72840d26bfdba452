// pcs resource clone|promotable <rsc> [<clone id>] [options], the pcs 0.9 form
// resource master [<master id>] <rsc> [options], and resource unclone <rsc>.
import { cloneInner } from "../../cib/clone.js";
import { section } from "../../cib/document.js";
import { refuseIdsOutsideSchema, validateId } from "../../cib/ids.js";
import { legacyUniqueId, legacyUpdateMeta } from "../../cib/meta.js";
import { removeResourceReferences } from "../../cib/resource-refs.js";
import { isClone, isStonith } from "../../cib/resources.js";
import { appendChild, createElement, descendants, detach, type XmlElement } from "../../cib/xml.js";
import { deprecation, forceableError, type Reports } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import type { Runner } from "../../env/index.js";
import { checkCloneMeta } from "./clone-compat.js";
import { UsageError, failText, getGroup, getPrimitive, groupByKeywords, groupWords, prepareOptions, refuseWaitWithFile, warnIfStonith } from "./common.js";
import { removeFromGroup } from "./group.js";

/** pcs's parse_clone: [clone id] then options and `meta` options; `op` is refused. */
export function parseCloneArgs(args: string[], promotable: boolean): { cloneId?: string; meta: Record<string, string> } {
  const rest = [...args];
  let cloneId: string | undefined;
  if (rest.length && rest[0] !== "op" && rest[0] !== "meta" && !rest[0].includes("=")) cloneId = rest.shift();
  const groups = groupByKeywords(rest, ["op", "meta"], { implicit: "options", repeated: ["op"] });
  if (groups.has("op")) throw new UsageError("op settings must be changed on base resource, not the clone");
  const meta = prepareOptions([...groupWords(groups, "options"), ...groupWords(groups, "meta")]);
  if (promotable) {
    if ("promotable" in meta) throw new UsageError("you cannot specify both promotable option and promotable keyword");
    meta.promotable = "true";
  }
  return { cloneId, meta };
}

/** Point constraints naming `oldId` (rsc, first, then, with-rsc) at the clone now holding it. */
export function moveConstraintsToClone(cib: XmlElement, oldId: string, cloneId: string): void {
  for (const tag of ["rsc_location", "rsc_order", "rsc_colocation"]) {
    for (const constraint of descendants(cib, tag)) {
      for (const attr of ["rsc", "first", "then", "with-rsc"]) if (constraint.attrs[attr] === oldId) constraint.attrs[attr] = cloneId;
    }
  }
}

interface CloneRequest {
  name: string;
  args: string[];
  promotable: boolean;
  /** pcs 0.9 `master`: default id `<rsc>-master`. */
  idSuffix?: string;
}

/** pcs's resource_clone_create on the CIB; returns the clone. */
export async function createClone(cib: XmlElement, request: CloneRequest, reports: Reports, runner: Runner): Promise<XmlElement> {
  const { name } = request;
  const resources = section(cib, "resources");
  const element = getPrimitive(resources, name) ?? getGroup(resources, name);
  if (!element) failText(`unable to find group or resource: ${name}`);
  if (element!.parent?.name === "bundle") failText("cannot clone bundle resource");
  const inClone = (tag: string) => [...descendants(cib, "clone"), ...descendants(cib, "master")].some((c) => descendants(c, tag).some((e) => e.attrs.id === name));
  if (inClone("primitive")) failText(`${name} is already a clone resource`);
  if (inClone("group")) failText("cannot clone a group that has already been cloned");
  const group = element!.parent?.name === "group" ? element!.parent : undefined;
  if (group && descendants(group, "primitive").length <= 1) detach(group);
  if (isStonith(element!)) {
    reports.add(forceableError("CLONING_STONITH_RESOURCES_HAS_NO_EFFECT", { stonithIds: [name] }));
    // (pcs's legacy clone command prints these reports itself: no closing summary line)
    reports.throwIfErrors(false);
  }
  const { cloneId: givenId, meta } = parseCloneArgs(request.args, request.promotable);
  await checkCloneMeta(runner, element!, meta, reports);
  reports.throwIfErrors(false);
  let cloneId: string;
  if (givenId !== undefined) {
    if (validateId(givenId).length) throw new UsageError(`invalid id '${givenId}'`);
    if (legacyUniqueId(cib, givenId) !== givenId) throw new UsageError(`id '${givenId}' already exists`);
    cloneId = givenId;
  } else cloneId = legacyUniqueId(cib, `${name}-${request.idSuffix ?? "clone"}`);
  const clone = createElement("clone", { id: cloneId });
  appendChild(clone, element!);
  appendChild(resources, clone);
  legacyUpdateMeta(clone, Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return clone;
}

async function runClone(ctx: CommandContext, promotable: boolean): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const [name, ...args] = ctx.args;
  const env = await ctx.env();
  await env.editCib(async (cib, reports) => {
    warnIfStonith(cib, [name], reports);
    refuseWaitWithFile(ctx);
    const clone = await createClone(cib, { name, args, promotable }, reports, env.runner);
    refuseIdsOutsideSchema(clone);
    moveConstraintsToClone(cib, name, clone.attrs.id ?? "");
  }, ctx.reports);
}

export const resourceClone = (ctx: CommandContext) => runClone(ctx, false);
export const resourcePromotable = (ctx: CommandContext) => runClone(ctx, true);

/** pcs 0.9's `resource master [<master id>] <rsc> [options]`: a promotable clone named `<rsc>-master`. */
export async function resourceMaster(ctx: CommandContext): Promise<void> {
  const positional = ctx.args.filter((a) => !a.includes("="));
  if (!positional.length) throw new UsageError();
  const args = [...ctx.args];
  let name: string;
  let masterId: string | undefined;
  if (positional.length === 1) name = args.shift()!;
  else {
    masterId = args.shift()!;
    name = args.shift()!;
  }
  const env = await ctx.env();
  ctx.reports.add(
    deprecation("DEPRECATED_SYNTAX", {
      text: "'pcs resource master' is deprecated and will be removed in a future release, use 'pcs resource promotable' instead",
    }),
  );
  await env.editCib(async (cib, reports) => {
    warnIfStonith(cib, [name], reports);
    const cloneArgs = masterId !== undefined ? [masterId, ...args] : args;
    const clone = await createClone(cib, { name, args: cloneArgs, promotable: true, idSuffix: "master" }, reports, env.runner);
    refuseIdsOutsideSchema(clone);
    moveConstraintsToClone(cib, name, clone.attrs.id ?? "");
  }, ctx.reports);
}

/** pcs's resource_clone_master_remove on the CIB. */
export function unclone(cib: XmlElement, name: string): void {
  const resources = section(cib, "resources");
  const byCloneId = [...descendants(resources, "clone"), ...descendants(resources, "master")].find((c) => c.attrs.id === name);
  const resource = getPrimitive(resources, name) ?? getGroup(resources, name) ?? (byCloneId && cloneInner(byCloneId));
  if (!resource) failText(`could not find resource: ${name}`);
  let clone: XmlElement | undefined;
  for (let p = resource!.parent; p; p = p.parent) {
    if (isClone(p)) {
      clone = p;
      break;
    }
  }
  if (!clone) failText(`'${name}' is not a clone resource`);
  const child = cloneInner(clone!);
  if (child && child.name === "group" && resource!.name !== "group" && descendants(child, "primitive").length > 1) {
    removeFromGroup(cib, child.attrs.id ?? "", [resource!.attrs.id ?? ""]);
    return;
  }
  removeResourceReferences(cib, clone!.attrs.id ?? "");
  appendChild(clone!.parent!, resource!);
  detach(clone!);
}

export async function resourceUnclone(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) throw new UsageError();
  await (await ctx.env()).editCib((cib) => {
    refuseWaitWithFile(ctx);
    unclone(cib, ctx.args[0]);
  }, ctx.reports);
}
