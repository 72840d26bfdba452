// resource create ... clone | promotable | --group: the new primitive wrapped at once, using the
// resource area's clone and group operations (src/cib/clone.ts, group.ts).
import { appendNewClone, validateCloneId } from "../../cib/clone.js";
import { section } from "../../cib/document.js";
import { placeIntoGroup, resolveGroupTarget } from "../../cib/group.js";
import { IdIndex } from "../../cib/ids.js";
import { disableResource } from "../../cib/primitive.js";
import { isTrue } from "../../cib/resources.js";
import type { XmlElement } from "../../cib/xml.js";
import { primitiveSpec } from "./create-spec.js";
import type { CommandContext } from "../context.js";
import { error, forceableError, type Reports } from "../../report/index.js";
import { fullName } from "../../agents/name.js";
import type { CreateParts } from "./create-args.js";
import { putIntoBundle } from "./bundle.js";
import { checkSpecialCases, createPrimitive, type NewPrimitive } from "./create-primitive.js";

export interface WrappedRequest {
  id: string;
  agentText: string;
  parts: CreateParts;
}

export interface GroupPlacement {
  group: string;
  before?: string;
  after?: string;
}

/** Create the primitive and move it into a (new or existing) group. */
export async function placeInGroup(cib: XmlElement, reports: Reports, spec: NewPrimitive, placement: GroupPlacement): Promise<XmlElement> {
  checkSpecialCases(cib, spec, reports);
  const adjacentId = placement.after ?? placement.before;
  const target = resolveGroupTarget(cib, placement.group, adjacentId, reports);
  const ids = new IdIndex(cib);
  const primitive = await createPrimitive(cib, ids, reports, { ...spec, specialCasesChecked: true });
  placeIntoGroup(target, [primitive], placement.before === undefined, reports);
  return primitive;
}

function checkCloneMeta(spec: NewPrimitive, cloneMeta: Record<string, string>, reports: Reports): void {
  const metadata = spec.agent.metadata;
  const agent = fullName(metadata.name);
  if (metadata.name.standard !== "ocf") {
    for (const attribute of ["globally-unique", "promotable"]) {
      if (isTrue(cloneMeta[attribute] ?? "0")) reports.add(error("RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES", { attribute, agent }));
    }
  } else if (metadata.ocfVersion === "1.1" && isTrue(cloneMeta.promotable ?? "0")) {
    const names = new Set(metadata.actions.map((a) => a.name));
    if (!(names.has("promote") && names.has("demote"))) {
      reports.add(forceableError("RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES", { attribute: "promotable", agent }));
    }
  }
  reports.throwIfErrors();
}

/** Create the primitive inside a new clone (promotable when the meta says so). */
export async function createInClone(
  cib: XmlElement,
  reports: Reports,
  spec: NewPrimitive,
  cloneMeta: Record<string, string>,
  cloneId?: string,
): Promise<XmlElement> {
  checkCloneMeta(spec, cloneMeta, reports);
  checkSpecialCases(cib, spec, reports);
  const ids = new IdIndex(cib);
  if (cloneId !== undefined) reports.add(...validateCloneId(cloneId, ids));
  reports.throwIfErrors();
  const primitive = await createPrimitive(cib, ids, reports, { ...spec, disabled: false, specialCasesChecked: true });
  const clone = appendNewClone(section(cib, "resources"), ids, primitive, { meta: cloneMeta, cloneId });
  if (spec.disabled) disableResource(clone, ids);
  return clone;
}

/** Create the primitive, then move it into an existing bundle. */
async function createInBundle(cib: XmlElement, reports: Reports, spec: NewPrimitive, bundleId: string): Promise<void> {
  checkSpecialCases(cib, spec, reports);
  const primitive = await createPrimitive(cib, new IdIndex(cib), reports, { ...spec, specialCasesChecked: true });
  putIntoBundle(cib, bundleId, primitive, reports);
}

export async function createWrapped(ctx: CommandContext, request: WrappedRequest): Promise<void> {
  const { id, agentText, parts } = request;
  const env = await ctx.env();
  await env.editCib(async (cib, reports) => {
    const spec = await primitiveSpec(ctx, env.runner, reports, { id, agentText, parts });
    if (parts.bundle) await createInBundle(cib, reports, spec, parts.bundle[0]);
    else if (parts.clone) await createInClone(cib, reports, spec, parts.clone, parts.cloneId);
    else if (parts.promotable) await createInClone(cib, reports, spec, { ...parts.promotable, promotable: "true" }, parts.cloneId);
    else await placeInGroup(cib, reports, spec, { group: ctx.value("--group")!, before: ctx.value("--before"), after: ctx.value("--after") });
  }, ctx.reports);
}
