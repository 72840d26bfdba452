// pcs resource op add <rsc> <action> [options] and op delete|remove <rsc> <action> [options] /
// op delete <op id>: pcs's legacy operation editing (ids `<rsc>-<action>-interval-<interval>`).
import { validateId } from "../../cib/ids.js";
import { createElement, descendants, detach, insertBefore, type XmlElement } from "../../cib/xml.js";
import { info, quoteList } from "../../report/index.js";
import type { CommandContext } from "../../cli/route-types.js";
import { UsageError, argsToTuples, failText, getPrimitive, warnIfStonith } from "./common.js";
import { warnIfNotStonith } from "./delete.js";

const OCF_CHECK_LEVEL = "OCF_CHECK_LEVEL";
const VALID_OP_ATTRS = [
  "id", "name", "interval", "description", "start-delay", "interval-origin", "timeout", "enabled", "record-pending", "role", "on-fail", OCF_CHECK_LEVEL,
];
const PROMOTED = ["Promoted", "Master"];
const UNPROMOTED = ["Unpromoted", "Slave"];
export const ROLES = ["Stopped", "Started", ...PROMOTED, ...UNPROMOTED];

/** Pacemaker-style duration to seconds (pcs's timeout_to_seconds), undefined when not one. */
export function durationSeconds(value: string): number | undefined {
  if (/^\s*\+?\d+\s*$/.test(value)) return Number(value);
  const units: [string, number][] = [["s", 1], ["sec", 1], ["m", 60], ["min", 60], ["h", 3600], ["hr", 3600]];
  for (const [suffix, factor] of units) {
    if (value.endsWith(suffix) && /^\d+$/.test(value.slice(0, -suffix.length))) return Number(value.slice(0, -suffix.length)) * factor;
  }
  return undefined;
}

const legacySeconds = (value: string): string => String(durationSeconds(value) ?? value);

/** Schema versions >= 3.7 take Promoted/Unpromoted; older ones Master/Slave. */
export function newRolesSupported(cib: XmlElement): boolean {
  const m = /^pacemaker-(\d+)\.(\d+)/.exec(cib.attrs["validate-with"] ?? "");
  return !!m && (Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 7));
}

export function roleForCib(role: string, newRoles: boolean): string {
  if (PROMOTED.includes(role)) return newRoles ? "Promoted" : "Master";
  if (UNPROMOTED.includes(role)) return newRoles ? "Unpromoted" : "Slave";
  return role;
}

/** One line describing an operation, as pcs prints it in duplicate-operation errors. */
export function operationToString(op: XmlElement): string {
  const parts = [op.attrs.name ?? ""];
  for (const name of Object.keys(op.attrs).sort()) {
    if (name !== "id" && name !== "name") parts.push(`${name}=${op.attrs[name]}`);
  }
  for (const pair of descendants(op, "nvpair")) parts.push(`${pair.attrs.name}=${pair.attrs.value}`);
  parts.push(`(${op.attrs.id})`);
  return parts.join(" ");
}

const checkLevel = (op: XmlElement): string | undefined =>
  descendants(op, "instance_attributes")
    .flatMap((set) => descendants(set, "nvpair"))
    .find((p) => p.attrs.name === OCF_CHECK_LEVEL)?.attrs.value;

function idInUse(cib: XmlElement, id: string): boolean {
  return cib.children.some((part) => part.name !== "status" && findId(part, id));
}
function findId(root: XmlElement, id: string): boolean {
  if (root.attrs.id === id) return true;
  return root.children.some((c) => findId(c, id));
}

/** pcs's legacy find_unique_id: id, id-1, id-2, ... unused in the configuration. */
export function uniqueId(cib: XmlElement, candidate: string): string {
  let id = candidate;
  for (let n = 1; idInUse(cib, id); n++) id = `${candidate}-${n}`;
  return id;
}

export interface OpAddOptions {
  force: boolean;
  /** Check for another operation of the same action (pcs's default; off for resource update). */
  strict?: boolean;
  before?: XmlElement | null;
}

/** Add one operation to a primitive (pcs's resource_operation_add). */
export function addOperation(cib: XmlElement, resourceId: string, words: string[], options: OpAddOptions): XmlElement {
  if (!words.length) throw new UsageError();
  const resource = getPrimitive(cib, resourceId);
  if (!resource) failText(`Unable to find resource: ${resourceId}`);
  const [action, ...rest] = words;
  const props = argsToTuples(rest);
  if (action.includes("=")) failText(`${action} does not appear to be a valid operation action`);
  if (!options.force) {
    for (const [key, value] of props) {
      if (!VALID_OP_ATTRS.includes(key)) failText(`${key} is not a valid op option (use --force to override)`);
      if (key === "role" && !ROLES.includes(value)) {
        failText(`role must be: ${quoteList(ROLES, "or")} (use --force to override)`);
      }
    }
  }
  let interval = props.find(([k]) => k === "interval")?.[1];
  if (!interval) {
    interval = action === "monitor" ? "60s" : "0s";
    props.push(["interval", interval]);
  }
  props.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  props.unshift(["name", action]);
  let opId: string | undefined;
  for (const [key, value] of props) {
    if (key !== "id") continue;
    opId = value;
    const invalid = validateId(value, "operation id");
    if (invalid.length) failText(invalid[0].message);
    if (idInUse(cib, value)) failText(`id '${value}' is already in use, please specify another one`);
  }
  opId ??= uniqueId(cib, `${resourceId}-${action}-interval-${interval}`);
  const op = createElement("op", { id: opId });
  const newRoles = newRolesSupported(cib);
  for (const [key, value] of props) {
    if (key === OCF_CHECK_LEVEL) {
      const set = createElement("instance_attributes", { id: uniqueId(cib, `params-${opId}`) }, op);
      createElement("nvpair", { name: key, value, id: uniqueId(cib, [opId, key, value].join("-")) }, set);
    } else if (key === "role" && !options.force) op.attrs.role = roleForCib(value, newRoles);
    else op.attrs[key] = value;
  }
  let operations = descendants(resource!, "operations")[0];
  if (!operations) operations = createElement("operations", {}, resource!);
  else {
    const ops = descendants(operations, "op");
    const seconds = legacySeconds(op.attrs.interval ?? "");
    const sameInterval = ops.filter((o) => o.attrs.name === op.attrs.name && legacySeconds(o.attrs.interval ?? "") === seconds);
    if (sameInterval.length) {
      failText(
        `operation ${op.attrs.name} with interval ${seconds}s already specified for ${resourceId}:\n${sameInterval.map(operationToString).join("\n")}`,
      );
    }
    if ((options.strict ?? true) && !options.force) {
      const roleOf = (o: XmlElement) => roleForCib(o.attrs.role || "Started", newRoles);
      const sameName = ops.filter(
        (o) => o.attrs.name === op.attrs.name && (op.attrs.name !== "monitor" || (roleOf(o) === roleOf(op) && checkLevel(o) === checkLevel(op))),
      );
      if (sameName.length) {
        failText(`operation ${op.attrs.name} already specified for ${resourceId}, use --force to override:\n${sameName.map(operationToString).join("\n")}`);
      }
    }
  }
  insertBefore(operations, op, options.before ?? null);
  return op;
}

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

/** cibadmin --upgrade as pcs runs it: the newest schema, admin_epoch + 1, epoch restarted. */
export function upgradeCib(cib: XmlElement): void {
  cib.attrs["validate-with"] = "pacemaker-3.9";
  cib.attrs.admin_epoch = String(Number(cib.attrs.admin_epoch ?? 0) + 1);
  cib.attrs.epoch = "1";
}

export async function opAdd(ctx: CommandContext, stonith = false): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const [id, ...words] = ctx.args;
  await (await ctx.env()).editCib((cib, reports) => {
    if (stonith) warnIfNotStonith(cib, [id], reports, "pcs resource op add");
    else warnIfStonith(cib, [id], reports, "pcs stonith op add");
    if (argsToTuples(words.slice(1)).some(([k, v]) => k === "on-fail" && v === "demote") && !atLeast(schemaVersion(cib), 3, 4)) {
      upgradeCib(cib);
      reports.add(info("GENERIC", { text: "Cluster CIB has been upgraded to latest version" }));
    }
    const op = addOperation(cib, id, words, { force: ctx.force });
    if (!opConformsToSchema(cib, op)) failText("Unable to update cib\nCall cib_replace failed (-203): Update does not conform to the configured schema");
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
