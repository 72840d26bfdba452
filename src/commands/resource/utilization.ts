// pcs resource utilization [<rsc> [<name>=<value>...]] and pcs resource meta <rsc> <name>=<value>...
import { legacyUpdateMeta, legacyUpdateUtilization } from "../../cib/meta.js";
import { cloneInner, masterToClone } from "../../cib/clone.js";
import { refuseIdsOutsideSchema } from "../../cib/ids.js";
import { descendants, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { checkCloneMeta } from "./clone-compat.js";
import { refuseGuestChange } from "./guest-change.js";
import { warnIfNotStonith } from "./delete.js";
import { UsageError, argsToTuples, failText, getAnyResource, getMaster, getPrimitive, prepareOptions, refuseWaitWithFile, warnIfStonith } from "./common.js";

const isPythonInt = (value: string) => /^\s*[+-]?\d+(_\d+)*\s*$/.test(value);

/** "name=value name=value" of a resource's utilization, names sorted. */
export function utilizationText(resource: XmlElement): string {
  const values: Record<string, string> = {};
  for (const set of descendants(resource, "utilization")) {
    for (const pair of descendants(set, "nvpair")) values[pair.attrs.name ?? ""] = pair.attrs.value ?? "";
  }
  return Object.keys(values)
    .sort()
    .map((name) => `${name}=${values[name]}`)
    .join(" ");
}

export function setUtilization(cib: XmlElement, resourceId: string, words: string[]): void {
  const resource = getPrimitive(cib, resourceId);
  if (!resource) failText(`Unable to find a resource: ${resourceId}`);
  const options = prepareOptions(words);
  const pairs = Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of pairs) {
    if (value !== "" && !isPythonInt(value)) failText(`Value of utilization attribute must be integer: '${name}=${value}'`);
  }
  legacyUpdateUtilization(resource!, pairs);
  refuseIdsOutsideSchema(resource!);
}

export async function resourceUtilization(ctx: CommandContext): Promise<void> {
  const env = await ctx.env();
  if (!ctx.args.length) {
    const cib = await env.readCib();
    const lines = descendants(cib, "primitive")
      .map((p) => [p.attrs.id ?? "", utilizationText(p)] as const)
      .filter(([, text]) => text)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    ctx.print(["Resource Utilization:", ...lines.map(([id, text]) => ` ${id}: ${text}`)].join("\n"));
    return;
  }
  const [id, ...words] = ctx.args;
  if (!words.length) {
    const cib = await env.readCib();
    warnIfStonith(cib, [id], ctx.reports);
    const resource = getPrimitive(cib, id);
    if (!resource) failText(`Unable to find a resource: ${id}`);
    ctx.print(`Resource Utilization:\n ${id}: ${utilizationText(resource!)}`);
    return;
  }
  await env.editCib((cib, reports) => {
    warnIfStonith(cib, [id], reports);
    setUtilization(cib, id, words);
  }, ctx.reports);
}


export async function resourceMeta(ctx: CommandContext, stonith = false): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  if (ctx.args.length < 2) throw new UsageError();
  const [id, ...words] = ctx.args;
  const meta = prepareOptions(words);
  const env = await ctx.env();
  await env.editCib(async (cib, reports) => {
    refuseGuestChange(cib, meta, reports);
    if (!stonith) warnIfStonith(cib, [id], reports, "pcs stonith meta");
    else warnIfNotStonith(cib, [id], reports, "pcs resource meta");
    const master = getMaster(cib, id);
    const resource = master ? masterToClone(master) : getAnyResource(cib, id);
    if (!resource) failText(`unable to find a resource/clone/group: ${id}`);
    refuseWaitWithFile(ctx);
    const pairs = argsToTuples(words);
    if (resource!.name === "clone") {
      const inner = cloneInner(resource!);
      if (inner) {
        await checkCloneMeta(env.runner, inner, Object.fromEntries(pairs), reports);
        // (pcs's legacy command prints these reports itself: no closing summary line)
        reports.throwIfErrors(false);
      }
    }
    legacyUpdateMeta(resource!, pairs);
    refuseIdsOutsideSchema(resource!);
  }, ctx.reports);
}
