// pcs resource op add <rsc> <action> [options] and op delete|remove <rsc> <action> [options] /
// op delete <op id>: pcs's legacy operation editing (ids `<rsc>-<action>-interval-<interval>`).
import { newRolesSupported, upgradeCibSchema } from "../../cib/constraints/common.js";
import { IdIndex, idsConformToSchema } from "../../cib/ids.js";
import { legacyAddOperation } from "../../cib/operations-legacy.js";
import { descendants, detach, type XmlElement } from "../../cib/xml.js";
import { fail, info } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { UsageError, argsToTuples, failText, getPrimitive, warnIfStonith } from "./common.js";
import { warnIfNotStonith } from "./delete.js";

/** pcs's resource_operation_remove: by operation id, by action (all of them), or by exact attributes. */
export function removeOperation(cib: XmlElement, idOrResource: string, words: string[]): void {
  if (!words.length) {
    const op = descendants(cib, "op").find((o) => o.attrs.id === idOrResource);
    if (!op) failText(`unable to find operation id: ${idOrResource}`);
    detach(op!);
    return;
  }
  const original = words.join(" ");
  const [action, ...rest] = words;
  const resource = descendants(cib, "primitive").find((p) => p.attrs.id === idOrResource);
  if (!resource) failText(`Unable to find resource: ${idOrResource}`);
  const removeAll = rest.length === 0;
  const wanted = new Set([...argsToTuples(rest), ["name", action] as [string, string]].map(([k, v]) => `${k}\u0000${v}`));
  let found = false;
  for (const op of descendants(resource!, "op")) {
    const have = new Set(Object.entries(op.attrs).filter(([k]) => k !== "id").map(([k, v]) => `${k}\u0000${v}`));
    if (removeAll && op.attrs.name === action) {
      found = true;
      detach(op);
    } else if (!removeAll && have.size === wanted.size && [...have].every((x) => wanted.has(x))) {
      found = true;
      detach(op);
      break;
    }
  }
  if (!found) failText(`Unable to find operation matching: ${original}`);
}

function schemaVersion(cib: XmlElement): [number, number] {
  const m = /^pacemaker-(\d+)\.(\d+)/.exec(cib.attrs["validate-with"] ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}
const atLeast = (v: [number, number], major: number, minor: number) => v[0] > major || (v[0] === major && v[1] >= minor);

/** What Pacemaker's schema accepts in an <op> (pcs's legacy code leaves that check to the CIB). */
export function opConformsToSchema(cib: XmlElement, op: XmlElement): boolean {
  // its id is made of the action and interval as given
  if (!idsConformToSchema(op)) return false;
  const version = schemaVersion(cib);
  if (version[0] < 3) return true;
  const allowed = ["id", "name", "interval", "description", "start-delay", "interval-origin", "timeout", "enabled", "record-pending", "role", "on-fail"];
  if (Object.keys(op.attrs).some((a) => !allowed.includes(a))) return false;
  if (op.attrs["start-delay"] !== undefined && op.attrs["interval-origin"] !== undefined) return false;
  const bool = (v: string | undefined) => v === undefined || ["true", "false", "1", "0"].includes(v.trim());
  if (!bool(op.attrs.enabled) || !bool(op.attrs["record-pending"])) return false;
  const roles = ["Stopped", "Started", "Slave", "Master", ...(atLeast(version, 3, 7) ? ["Promoted", "Unpromoted"] : [])];
  if (op.attrs.role !== undefined && !roles.includes(op.attrs.role)) return false;
  const onFail = ["ignore", "block", "stop", "restart", "standby", "fence", "restart-container", ...(atLeast(version, 3, 4) ? ["demote"] : [])];
  return op.attrs["on-fail"] === undefined || onFail.includes(op.attrs["on-fail"]);
}

export async function opAdd(ctx: CommandContext, stonith = false): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const [id, ...words] = ctx.args;
  await (await ctx.env()).editCib((cib, reports) => {
    if (stonith) warnIfNotStonith(cib, [id], reports, "pcs resource op add");
    else warnIfStonith(cib, [id], reports, "pcs stonith op add");
    if (argsToTuples(words.slice(1)).some(([k, v]) => k === "on-fail" && v === "demote") && !atLeast(schemaVersion(cib), 3, 4)) {
      upgradeCibSchema(cib);
      reports.add(info("GENERIC", { text: "Cluster CIB has been upgraded to latest version" }));
    }
    if (!words.length) throw new UsageError();
    const resource = getPrimitive(cib, id);
    if (!resource) failText(`Unable to find resource: ${id}`);
    const op = legacyAddOperation({ resource: resource!, ids: new IdIndex(cib), argv: words, strict: true, force: ctx.force, newRoleNames: newRolesSupported(cib) });
    if (!opConformsToSchema(cib, op)) fail("CIB_UPDATE_SCHEMA_INVALID", {});
  }, ctx.reports);
}

export async function opDelete(ctx: CommandContext, stonith = false): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const [id, ...words] = ctx.args;
  await (await ctx.env()).editCib((cib, reports) => {
    if (stonith) warnIfNotStonith(cib, [id], reports, "pcs resource op delete");
    else warnIfStonith(cib, [id], reports, "pcs stonith op delete");
    removeOperation(cib, id, words);
  }, ctx.reports);
}
