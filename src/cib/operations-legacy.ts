// pcs's older way of adding one operation, still behind `resource update ... op` and
// `resource op add`: it fails at the first problem, sorts the options, and checks duplicates
// against the operations already there.
import { ALL_ROLES, ROLE_STARTED, roleForCib } from "./roles.js";
import { fail, quoteList } from "../report/index.js";
import { validateId, type IdIndex } from "./ids.js";
import { OCF_CHECK_LEVEL, OPERATION_ATTRIBUTES, timeoutToSeconds } from "./operations.js";
import { createElement, insertBefore, type XmlElement } from "./xml.js";

const SCHEMA_OP_ATTRIBUTES = new Set([
  "id", "name", "interval", "description", "start-delay", "interval-origin", "timeout", "enabled", "record-pending",
  "role", "requires", "on-fail",
]);
const SCHEMA_ON_FAIL = ["ignore", "block", "demote", "stop", "restart", "standby", "fence", "restart-container"];
const SCHEMA_BOOLEAN = /^(true|false|1|0)$/;

/** Whether the CIB schema takes an op with these attributes (pcs pushes what it does not check itself). */
function schemaAcceptsOp(attrs: Record<string, string>): boolean {
  if (Object.keys(attrs).some((k) => !SCHEMA_OP_ATTRIBUTES.has(k))) return false;
  if (attrs.role !== undefined && !ALL_ROLES.includes(attrs.role)) return false;
  if (attrs["on-fail"] !== undefined && !SCHEMA_ON_FAIL.includes(attrs["on-fail"])) return false;
  if ([attrs.enabled, attrs["record-pending"]].some((v) => v !== undefined && !SCHEMA_BOOLEAN.test(v))) return false;
  // one or the other
  return attrs["start-delay"] === undefined || attrs["interval-origin"] === undefined;
}

/** pcs's legacy seconds: the number when parsable, else the text itself. */
const legacySeconds = (value: string): string => {
  const seconds = timeoutToSeconds(value);
  return seconds === undefined ? value : String(seconds);
};

/** `name a=b c=d` as pcs's legacy code reads it: arguments without '=' are ignored. */
export function argsToPairs(args: readonly string[]): [string, string][] {
  return args.filter((a) => a.includes("=")).map((a) => {
    const eq = a.indexOf("=");
    return [a.slice(0, eq), a.slice(eq + 1)];
  });
}

/** "monitor interval=10s timeout=20s (d-monitor-interval-10s)", as pcs prints an operation. */
export function operationToString(op: XmlElement): string {
  const parts = [op.attrs.name ?? ""];
  for (const name of Object.keys(op.attrs).sort()) if (name !== "id" && name !== "name") parts.push(`${name}=${op.attrs[name]}`);
  const pairs: XmlElement[] = [];
  const visit = (e: XmlElement) => e.children.forEach((c) => (c.name === "nvpair" ? pairs.push(c) : visit(c)));
  visit(op);
  for (const p of pairs) parts.push(`${p.attrs.name}=${p.attrs.value}`);
  parts.push(`(${op.attrs.id})`);
  return parts.join(" ");
}

const ocfCheckLevel = (op: XmlElement): string | undefined => {
  for (const set of op.children) {
    if (set.name !== "instance_attributes") continue;
    const pair = set.children.find((p) => p.name === "nvpair" && p.attrs.name === OCF_CHECK_LEVEL);
    if (pair) return pair.attrs.value;
  }
  return undefined;
};

export interface LegacyOperationAdd {
  resource: XmlElement;
  ids: IdIndex;
  /** Action name followed by key=value options. */
  argv: readonly string[];
  /** `op add` also refuses a second operation of the same action (unless forced). */
  strict: boolean;
  force: boolean;
  newRoleNames: boolean;
  /** Insert before this <op> (default: append). */
  before?: XmlElement;
}

export function legacyAddOperation(request: LegacyOperationAdd): XmlElement {
  const { resource, ids, strict, force, newRoleNames } = request;
  const [opName, ...rest] = request.argv;
  const properties = argsToPairs(rest);
  const resId = resource.attrs.id ?? "";
  if (opName.includes("=")) fail("GENERIC", { text: `${opName} does not appear to be a valid operation action` });
  if (!force) {
    for (const [key, value] of properties) {
      if (!OPERATION_ATTRIBUTES.includes(key)) fail("GENERIC", { text: `${key} is not a valid op option (use --force to override)` });
      if (key === "role" && !ALL_ROLES.includes(value)) {
        fail("GENERIC", { text: `role must be: ${quoteList(ALL_ROLES, "or")} (use --force to override)` });
      }
    }
  }
  let interval = properties.find(([k]) => k === "interval")?.[1];
  if (!interval) {
    interval = opName === "monitor" ? "60s" : "0s";
    properties.push(["interval", interval]);
  }
  properties.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  properties.unshift(["name", opName]);

  let opId: string | undefined;
  for (const [name, value] of properties) {
    if (name !== "id") continue;
    opId = value;
    const problems = validateId(value, "operation id");
    if (problems.length) fail("GENERIC", { text: problems[0].message });
    if (ids.has(value)) fail("GENERIC", { text: `id '${value}' is already in use, please specify another one` });
  }
  opId ??= ids.allocate(`${resId}-${opName}-interval-${interval}`);
  ids.use(opId);

  const op = createElement("op", { id: opId });
  for (const [key, value] of properties) {
    if (key === OCF_CHECK_LEVEL) {
      const setId = ids.allocate(`params-${opId}`);
      ids.use(setId);
      const set = createElement("instance_attributes", { id: setId }, op);
      const pairId = ids.allocate(`${opId}-${key}-${value}`);
      ids.use(pairId);
      createElement("nvpair", { name: key, value, id: pairId }, set);
    } else if (key === "role" && !force) op.attrs[key] = roleForCib(value, newRoleNames);
    else op.attrs[key] = value;
  }

  let operations = resource.children.find((c) => c.name === "operations");
  if (!operations) operations = createElement("operations", {}, resource);
  else {
    const existing = operations.children.filter((c) => c.name === "op");
    const seconds = legacySeconds(op.attrs.interval);
    const sameInterval = existing.filter((o) => o.attrs.name === op.attrs.name && legacySeconds(o.attrs.interval ?? "") === seconds);
    if (sameInterval.length) {
      fail("GENERIC", {
        text: `operation ${op.attrs.name} with interval ${seconds}s already specified for ${resId}:\n${sameInterval.map(operationToString).join("\n")}`,
      });
    }
    if (strict && !force) {
      const role = (e: XmlElement) => roleForCib(e.attrs.role || ROLE_STARTED, newRoleNames);
      const sameName = existing.filter(
        (o) =>
          o.attrs.name === op.attrs.name &&
          (op.attrs.name !== "monitor" || (role(o) === role(op) && ocfCheckLevel(o) === ocfCheckLevel(op))),
      );
      if (sameName.length) {
        fail("GENERIC", {
          text: `operation ${op.attrs.name} already specified for ${resId}, use --force to override:\n${sameName.map(operationToString).join("\n")}`,
        });
      }
    }
  }
  insertBefore(operations, op, request.before ?? null);
  // what --force let through, the CIB schema refuses when pcs pushes the result
  if (!schemaAcceptsOp(op.attrs)) fail("CIB_UPDATE_SCHEMA_INVALID", {});
  return op;
}
