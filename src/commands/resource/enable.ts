// pcs resource|stonith enable|disable <id>... and resource manage|unmanage <id>... [--monitor]:
// target-role and is-managed meta attributes set the way pcs's library does (tags expand).
import { findSection } from "../../cib/document.js";
import { IdIndex } from "../../cib/ids.js";
import { findResourcesExpandTags } from "../../cib/resource-lookup.js";
import {
  disableResource,
  enableResource,
  manageResource,
  monitorOps,
  primitivesOf,
  resourcesToEnable,
  resourcesToManage,
  resourcesToUnmanage,
  unmanageResource,
} from "../../cib/resource-state.js";
import { isResource, isStonith, isTrue } from "../../cib/resources.js";
import { descendants, type XmlElement } from "../../cib/xml.js";
import { deprecation, warning, type ReportItem, type Reports } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { UsageError, refuseWaitWithFile } from "./common.js";

const isFalse = (v: string | undefined) => v !== undefined && ["false", "off", "no", "n", "0"].includes(v.toLowerCase());

function metaUnmanaged(e: XmlElement): boolean {
  return descendants(e, "meta_attributes")
    .filter((set) => set.parent === e)
    .some((set) =>
      set.children.some(
        (p) => p.name === "nvpair" && ((p.attrs.name === "is-managed" && isFalse(p.attrs.value)) || (p.attrs.name === "maintenance" && isTrue(p.attrs.value))),
      ),
    );
}

/** Whether the cluster would show the primitive as unmanaged (its meta, its parents', rsc_defaults, maintenance mode). */
function primitiveUnmanaged(cib: XmlElement, primitive: XmlElement): boolean {
  for (let e: XmlElement | null = primitive; e && isResource(e); e = e.parent) if (metaUnmanaged(e)) return true;
  const defaults = findSection(cib, "rsc_defaults");
  if (defaults && descendants(defaults, "nvpair").some((p) => p.attrs.name === "is-managed" && isFalse(p.attrs.value))) return true;
  const config = findSection(cib, "crm_config");
  return !!config && descendants(config, "nvpair").some((p) => p.attrs.name === "maintenance-mode" && isTrue(p.attrs.value));
}

function isUnmanaged(cib: XmlElement, resource: XmlElement): boolean {
  if (resource.name !== "primitive" && resource.name !== "group" && metaUnmanaged(resource)) return true;
  const primitives = resource.name === "primitive" ? [resource] : descendants(resource, "primitive");
  return primitives.some((p) => primitiveUnmanaged(cib, p));
}

/** pcs's check that enable/disable was given stonith ids (for resource commands) or resources (for stonith ones). */
function mismatchWarning(cib: XmlElement, ids: string[], reports: Reports, stonith: boolean, command: string): void {
  const { elements } = findResourcesExpandTags(cib, ids);
  const mismatch = stonith ? elements.some((e) => !isStonith(e)) : elements.some(isStonith);
  if (!mismatch) return;
  reports.add(
    deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", {
      notAcceptedType: stonith ? "resources" : "stonith resources",
      suffix: ` Please use '${command}' instead.`,
    }),
  );
}

function setTargetRole(cib: XmlElement, ids: string[], reports: Reports, enable: boolean): void {
  const { elements, reports: notFound } = findResourcesExpandTags(cib, ids);
  reports.add(...notFound);
  const targets = enable ? [...new Set(elements.flatMap(resourcesToEnable))] : elements;
  const idIndex = new IdIndex(cib);
  for (const element of targets) {
    if (isUnmanaged(cib, element)) reports.add(warning("RESOURCE_IS_UNMANAGED", { resourceId: element.attrs.id ?? "" }));
    (enable ? enableResource : disableResource)(element, idIndex);
  }
}

interface ToggleOptions {
  enable: boolean;
  stonith: boolean;
}

async function runToggle(ctx: CommandContext, { enable, stonith }: ToggleOptions): Promise<void> {
  const what = stonith ? "stonith resource(s)" : "resource(s)";
  if (!ctx.args.length) throw new UsageError(`You must specify ${what} to ${enable ? "enable" : "disable"}`);
  if (!enable) checkDisableOptions(ctx, stonith);
  const other = stonith ? "pcs resource" : "pcs stonith";
  if (enable) refuseWaitWithFile(ctx);
  await (await ctx.env()).editCib((cib, reports) => {
    mismatchWarning(cib, ctx.args, reports, stonith, `${other} ${enable ? "enable" : "disable"}`);
    setTargetRole(cib, ctx.args, reports, enable);
  }, ctx.reports);
}

function checkDisableOptions(ctx: CommandContext, stonith: boolean): void {
  if (stonith && ["--safe", "--no-strict", "--simulate"].some((o) => ctx.has(o))) {
    ctx.reports.add(
      deprecation("DEPRECATED_SYNTAX", { text: "Options '--safe', '--no-strict' and '--simualte' are deprecated and will be removed in a future release." }),
    );
  }
  const exclusive = ["-f", "--simulate", "--wait"].filter((o) => ctx.has(o)).sort();
  if (exclusive.length > 1) throw new UsageError(`Only one of ${exclusive.map((o) => `'${o}'`).join(", ")} can be used`);
  const incompatible = (checked: string, others: string[]) => {
    if (!ctx.has(checked)) return;
    const bad = others.filter((o) => ctx.has(o)).sort();
    if (bad.length) throw new UsageError(`'${checked}' cannot be used with ${bad.map((o) => `'${o}'`).join(", ")}`);
  };
  incompatible("--simulate", ["-f", "--safe", "--wait"]);
  incompatible("--safe", ["-f", "--simulate"]);
  incompatible("--no-strict", ["-f"]);
  if (ctx.has("--brief")) throw new UsageError("'--brief' cannot be used without '--simulate' or '--safe'");
}

export const resourceEnable = (ctx: CommandContext) => runToggle(ctx, { enable: true, stonith: false });
export const resourceDisable = (ctx: CommandContext) => runToggle(ctx, { enable: false, stonith: false });
export const stonithEnable = (ctx: CommandContext) => runToggle(ctx, { enable: true, stonith: true });
export const stonithDisable = (ctx: CommandContext) => runToggle(ctx, { enable: false, stonith: true });

function manageEdit(cib: XmlElement, ids: string[], reports: Reports, withMonitor: boolean): void {
  const { elements, reports: problems } = findResourcesExpandTags(cib, ids);
  const toManage = [...new Set(elements.flatMap(resourcesToManage))];
  const idIndex = new IdIndex(cib);
  for (const element of toManage) {
    manageResource(element, idIndex);
    if (withMonitor && element.name === "primitive") for (const op of monitorOps(element)) delete op.attrs.enabled;
  }
  const sorted = [...elements].sort((a, b) => ((a.attrs.id ?? "") < (b.attrs.id ?? "") ? -1 : (a.attrs.id ?? "") > (b.attrs.id ?? "") ? 1 : 0));
  for (const element of sorted) {
    for (const primitive of primitivesOf(element)) {
      const ops = monitorOps(primitive);
      if (ops.length && !ops.some((op) => isTrue(op.attrs.enabled ?? "true"))) {
        problems.push(noEnabledMonitorWarning(primitive.attrs.id ?? ""));
      }
    }
  }
  reports.add(...problems);
}

/** pcs's command line words this library report with a hint at --monitor. */
function noEnabledMonitorWarning(resourceId: string): ReportItem {
  const item = warning("RESOURCE_MANAGED_NO_MONITOR_ENABLED", { resourceId });
  return { ...item, message: `${item.message}. Re-run with '--monitor' to enable them.` };
}

function unmanageEdit(cib: XmlElement, ids: string[], reports: Reports, withMonitor: boolean): void {
  const { elements, reports: notFound } = findResourcesExpandTags(cib, ids);
  reports.add(...notFound);
  reports.throwIfErrors();
  const targets = [...new Set(elements.flatMap(resourcesToUnmanage))];
  const idIndex = new IdIndex(cib);
  for (const element of targets) {
    unmanageResource(element, idIndex);
    if (withMonitor) for (const primitive of primitivesOf(element)) for (const op of monitorOps(primitive)) op.attrs.enabled = "false";
  }
}

async function runManage(ctx: CommandContext, manage: boolean): Promise<void> {
  if (!ctx.args.length) throw new UsageError(`You must specify resource(s) to ${manage ? "manage" : "unmanage"}`);
  await (await ctx.env()).editCib((cib, reports) => {
    const { elements } = findResourcesExpandTags(cib, ctx.args);
    if (elements.some(isStonith)) {
      reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith resources" }));
    }
    (manage ? manageEdit : unmanageEdit)(cib, ctx.args, reports, ctx.has("--monitor"));
  }, ctx.reports);
}

export const resourceManage = (ctx: CommandContext) => runManage(ctx, true);
export const resourceUnmanage = (ctx: CommandContext) => runManage(ctx, false);
