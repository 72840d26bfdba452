// Resource operations (<op> in <operations>) with pcs's rules: option names and values, default
// intervals, duplicate-interval checks, ids `<rsc>-<action>-interval-<interval>`, OCF_CHECK_LEVEL.
// `resource create`, `resource update` and `resource op add` share this module.
import { primaryRole, roleForCib, ALL_ROLES, ROLE_PROMOTED, ROLE_PROMOTED_LEGACY, ROLE_UNPROMOTED, ROLE_UNPROMOTED_LEGACY } from "./roles.js";
import { deprecation, error, fail, forceableError, warning, type ReportItem } from "../report/index.js";
import { validateId, type IdIndex } from "./ids.js";
import { appendNewNvset } from "./nvset.js";
import { createElement, type XmlElement } from "./xml.js";

/** One operation as entered or derived: attribute name -> value (`name` is the action). */
export type OperationInput = Record<string, string>;

export const OCF_CHECK_LEVEL = "OCF_CHECK_LEVEL";
export const OPERATION_ATTRIBUTES = [
  "id", "description", "enabled", "interval", "interval-origin", "name", "on-fail", "record-pending", "role",
  "start-delay", "timeout", OCF_CHECK_LEVEL,
];
export const ON_FAIL_VALUES = ["block", "demote", "fence", "ignore", "restart", "restart-container", "standby", "stop"];
const BOOLEAN_VALUES = ["0", "1", "true", "false"];

/** Monitor gets 60s when no interval is given; every other action 0s. */
export const defaultInterval = (name: string): string => (name === "monitor" ? "60s" : "0s");

/** Pacemaker-style duration to seconds (10, 10s, 2min, 1h); undefined when not one. */
export function timeoutToSeconds(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(\d+)(s|sec|m|min|h|hr)$/.exec(value);
  if (!match) return undefined;
  const unit = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600 }[match[2]]!;
  return Number(match[1]) * unit;
}

const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);

/** pcs's normalization of entered values (role capitalized, flags lower case). */
export function normalizeOperation(op: OperationInput): OperationInput {
  const result: OperationInput = {};
  for (const [key, value] of Object.entries(op)) {
    if (key === "role") result[key] = capitalize(value);
    else if (key === "on-fail" || key === "record-pending" || key === "enabled") result[key] = value.toLowerCase();
    else result[key] = value;
  }
  return result;
}

const sorted = (items: Iterable<string>): string[] => [...items].sort();

/**
 * Checks of one operation as entered: values are compared normalized and reported as typed.
 * `allowedNames`: the agent's actions.
 */
export function validateOperation(entered: OperationInput, allowedNames: readonly string[]): ReportItem[] {
  const op = normalizeOperation(entered);
  const reports: ReportItem[] = [];
  const type = "resource operation";
  const invalid = Object.keys(op).filter((k) => !OPERATION_ATTRIBUTES.includes(k));
  if (invalid.length) reports.push(error("INVALID_OPTIONS", { names: sorted(invalid), allowed: sorted(OPERATION_ATTRIBUTES), optionType: type }));
  if (!("name" in op)) reports.push(error("REQUIRED_OPTIONS_ARE_MISSING", { names: ["name"], optionType: type }));
  if ("name" in op && !allowedNames.includes(op.name)) {
    reports.push(forceableError("INVALID_OPTION_VALUE", { name: "operation name", value: entered.name, allowed: sorted(allowedNames) }));
  }
  const valueIn = (key: string, allowed: readonly string[]) => {
    if (key in op && !allowed.includes(op[key])) reports.push(error("INVALID_OPTION_VALUE", { name: key, value: entered[key], allowed: sorted(allowed) }));
  };
  valueIn("role", ALL_ROLES);
  const deprecatedRoles: Record<string, string> = { [ROLE_PROMOTED_LEGACY]: ROLE_PROMOTED, [ROLE_UNPROMOTED_LEGACY]: ROLE_UNPROMOTED };
  if (op.role !== undefined && op.role in deprecatedRoles) {
    reports.push(deprecation("DEPRECATED_OPTION_VALUE", { option: "role", value: entered.role, replacedBy: deprecatedRoles[op.role] }));
  }
  valueIn("on-fail", ON_FAIL_VALUES);
  valueIn("record-pending", BOOLEAN_VALUES);
  valueIn("enabled", BOOLEAN_VALUES);
  if ("interval-origin" in op && "start-delay" in op) {
    reports.push(error("MUTUALLY_EXCLUSIVE_OPTIONS_TYPED", { options: ["interval-origin", "start-delay"], optionType: type }));
  }
  if ("id" in op) reports.push(...validateId(op.id, "operation id"));
  return reports;
}

/** Errors for the same action given twice with equal intervals (10 and 10s are equal). */
export function validateDifferentIntervals(ops: readonly OperationInput[]): ReportItem[] {
  const byName = new Map<string, Map<string, string[]>>();
  for (const op of ops) {
    const interval = op.interval ?? defaultInterval(op.name);
    const seconds = String(timeoutToSeconds(interval));
    if (!byName.has(op.name)) byName.set(op.name, new Map());
    const intervals = byName.get(op.name)!;
    if (!intervals.has(seconds)) intervals.set(seconds, []);
    intervals.get(seconds)!.push(interval);
  }
  const duplications: [string, string[][]][] = [];
  for (const [name, intervals] of byName) {
    const lists = [...intervals.values()].sort(compareLists).filter((l) => l.length > 1);
    if (lists.length) duplications.push([name, lists]);
  }
  return duplications.length ? [error("RESOURCE_OPERATION_INTERVAL_DUPLICATION", { duplications })] : [];
}

function compareLists(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Make intervals of same-named operations unique (bumping by a second), with warnings. */
export function uniquifyIntervals(ops: readonly OperationInput[]): { ops: OperationInput[]; reports: ReportItem[] } {
  const used = new Map<string, Set<number>>();
  const reports: ReportItem[] = [];
  const result = ops.map((op) => {
    if (!used.has(op.name)) used.set(op.name, new Set());
    const seen = used.get(op.name)!;
    const interval = op.interval;
    let seconds = timeoutToSeconds(interval);
    if (seconds === undefined) return op;
    if (!seen.has(seconds)) {
      seen.add(seconds);
      return op;
    }
    while (seen.has(seconds)) seconds++;
    seen.add(seconds);
    reports.push(warning("RESOURCE_OPERATION_INTERVAL_ADAPTED", { name: op.name, original: interval, adapted: String(seconds) }));
    return { ...op, interval: String(seconds) };
  });
  return { ops: result, reports };
}

/** An entered operation completed for the CIB: default interval, role spelled for the schema. */
export function completeOperation(op: OperationInput, newRoleNames: boolean): OperationInput {
  const result: OperationInput = {};
  for (const [k, v] of Object.entries(op)) {
    if (v === "") continue;
    result[k] = k === "role" ? roleForCib(primaryRole(v), newRoleNames) : v;
  }
  if (result.interval === undefined) result.interval = defaultInterval(result.name);
  return result;
}

/** Append one <op> to <operations>; ids as pcs makes them. Throws nothing: check user ids first. */
export function appendOperation(operations: XmlElement, ids: IdIndex, op: OperationInput): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(op)) if (k !== OCF_CHECK_LEVEL) attrs[k] = v;
  if (attrs.id === undefined) {
    const owner = operations.parent ?? operations;
    attrs.id = ids.subelementId(owner, `${op.name}-interval-${op.interval}`);
  } else {
    // pcs checks a given id when the <op> is added: the resource and earlier operations count
    if (ids.has(attrs.id)) fail("ID_ALREADY_EXISTS", { id: attrs.id });
    ids.use(attrs.id);
  }
  const element = createElement("op", attrs, operations);
  if (op[OCF_CHECK_LEVEL] !== undefined && op[OCF_CHECK_LEVEL] !== "") {
    appendNewNvset("instance_attributes", element, { [OCF_CHECK_LEVEL]: op[OCF_CHECK_LEVEL] }, ids);
  }
  return element;
}

/** <operations> with the given operations sorted by action name (stable), appended to `primitive`. */
export function createOperations(primitive: XmlElement, ids: IdIndex, ops: readonly OperationInput[]): XmlElement {
  const operations = createElement("operations", {}, primitive);
  const ordered = ops.map((op, i) => [op, i] as const).sort(([a, i], [b, j]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : i - j));
  for (const [op] of ordered) appendOperation(operations, ids, op);
  return operations;
}

/** Ids given by the user for operations that already exist in the CIB. */
export function existingOperationIds(ops: readonly OperationInput[], ids: IdIndex): ReportItem[] {
  return ops.filter((op) => op.id !== undefined && ids.has(op.id)).map((op) => error("ID_ALREADY_EXISTS", { id: op.id }));
}
