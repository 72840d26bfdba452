// Constraints with resource sets (colocation / order / ticket set), as pcs's library makes them.
import { deprecation, error, forceableError, info, quoteList, ReportedError, warning, type ReportItem, type Reports } from "../../report/index.js";
import { IdIndex, validateId } from "../ids.js";
import { BUNDLE, CLONE, GROUP, MASTER, PRIMITIVE, findResource, isClone } from "../resources.js";
import { createElement, type XmlElement } from "../xml.js";
import { ACTIONS, capitalize, constraintsOf, constraintsSection, newRolesSupported, roleForCib, ROLES } from "./common.js";
import { constraintText } from "./format.js";
import type { Options, SetSpec } from "./options.js";

/** Stop with these errors, printed without pcs's closing summary line. */
export const raise = (...items: ReportItem[]): never => {
  throw new ReportedError(items, false);
};

const BOOLS = ["true", "false"];

function validateSetOptions(options: Options): ReportItem[] {
  const items: ReportItem[] = [];
  const allowed = ["action", "require-all", "role", "sequential"];
  const bad = [...options.keys()].filter((n) => !allowed.includes(n));
  if (bad.length) items.push(error("CONSTRAINT_INVALID_OPTIONS", { names: bad.sort(), allowed, optionType: "set" }));
  const checks: [string, readonly string[]][] = [
    ["action", ACTIONS],
    ["require-all", BOOLS],
    ["role", ROLES],
    ["sequential", BOOLS],
  ];
  for (const [name, values] of checks) {
    const value = options.get(name);
    if (value !== undefined && !values.includes(value)) items.push(error("INVALID_OPTION_VALUE", { name, value, allowed: quoteList(values) }));
  }
  const role = options.get("role");
  if (role === "Master" || role === "Slave") {
    items.push(deprecation("DEPRECATED_OPTION_VALUE", { option: "role", value: role, replacedBy: roleForCib(role, true) }));
  }
  return items;
}

/** The id a constraint may use for a resource (clones and bundles themselves; members only with --force). */
export function validResourceId(cib: XmlElement, id: string, force: boolean, reports: Reports): string {
  const element = findResource(cib, id, [BUNDLE, CLONE, GROUP, MASTER, PRIMITIVE]);
  if (!element) raise(error("ID_NOT_FOUND_TYPED", { id, types: "bundle/clone/group/resource" }));
  if (isClone(element!) || element!.name === BUNDLE) return id;
  let parent = element!.parent;
  while (parent && !isClone(parent) && parent.name !== BUNDLE) parent = parent.parent;
  if (!parent) return id;
  const payload = { id, kind: parent.name === BUNDLE ? "bundle" : "clone", parentId: parent.attrs.id };
  if (force) {
    reports.add(warning("RESOURCE_FOR_CONSTRAINT_IS_MULTIINSTANCE", payload));
    return id;
  }
  return raise(forceableError("RESOURCE_FOR_CONSTRAINT_IS_MULTIINSTANCE", payload));
}

/** `<type>_set_<first and last letters of the first three resources>`, made unique. */
export function setConstraintId(ids: IdIndex, type: string, sets: SetSpec[]): string {
  const part = sets
    .flatMap((s) => s.ids)
    .slice(0, 3)
    .map((id) => id[0] + id[id.length - 1])
    .join("");
  return ids.allocate(`${type}_set_${part}`);
}

/** Validate a user-given constraint id (or make one). Direct errors, as pcs raises them. */
export function constraintIdOption(options: Options, ids: IdIndex, make: () => string): void {
  const id = options.get("id");
  if (id === undefined) {
    options.set("id", make());
    return;
  }
  const invalid = validateId(id, "constraint id");
  if (invalid.length) raise(...invalid);
  if (ids.has(id)) raise(error("ID_ALREADY_EXISTS", { id }));
  ids.allocate(id);
}

export function checkOptionNames(options: Options, allowed: string[]): void {
  const bad = [...options.keys()].filter((n) => !allowed.includes(n));
  if (bad.length) raise(error("CONSTRAINT_INVALID_OPTIONS", { names: bad.sort(), allowed: [...allowed].sort() }));
}

const refIds = (e: XmlElement): string[][] =>
  e.children.filter((c) => c.name === "resource_set").map((s) => s.children.filter((r) => r.name === "resource_ref").map((r) => r.attrs.id));

/** Refuse (unless --force) a constraint whose sets equal an existing one's. */
export function checkDuplicates(
  cib: XmlElement,
  element: XmlElement,
  args: { force: boolean; reports: Reports; same: (a: XmlElement, b: XmlElement) => boolean },
): void {
  const dups = constraintsOf(cib, element.name).filter((o) => o !== element && args.same(element, o));
  if (!dups.length) return;
  args.reports.add(info("DUPLICATE_CONSTRAINTS_LIST", { tag: element.name, lines: dups.map((d) => constraintText(d, true)) }));
  args.reports.add(forceableError("DUPLICATE_CONSTRAINTS_EXIST", { ids: dups.map((d) => d.attrs.id) }));
  args.reports.throwIfErrors();
}

export const sameSets = (a: XmlElement, b: XmlElement): boolean =>
  b.children.some((c) => c.name === "resource_set") && JSON.stringify(refIds(a)) === JSON.stringify(refIds(b));

export interface SetConstraintKind {
  tag: "rsc_colocation" | "rsc_order" | "rsc_ticket";
  /** Validates and completes the constraint options (id included). */
  prepare: (cib: XmlElement, options: Options, sets: SetSpec[], ids: IdIndex) => Options;
  same?: (a: XmlElement, b: XmlElement) => boolean;
}

function sameGroupCheck(cib: XmlElement, ids: string[]): void {
  const groups: XmlElement[] = [];
  for (const id of new Set(ids)) {
    const element = findResource(cib, id);
    const parent = element?.parent;
    if (parent && parent.name === GROUP) groups.push(parent);
  }
  if (new Set(groups).size !== groups.length) raise(error("CANNOT_SET_ORDER_FOR_SAME_GROUP", {}));
}

/** Create a constraint with resource sets (pcs's create_with_set). */
export function createWithSets(cib: XmlElement, kind: SetConstraintKind, args: { sets: SetSpec[]; options: Options; force: boolean; reports: Reports }): void {
  const ids = new IdIndex(cib);
  const options = kind.prepare(cib, args.options, args.sets, ids);
  const sets = args.sets.map((set) => {
    args.reports.add(...validateSetOptions(set.options));
    args.reports.throwIfErrors();
    return { ids: set.ids.map((id) => validResourceId(cib, id, args.force, args.reports)), options: set.options };
  });
  if (!sets.length) raise(error("EMPTY_RESOURCE_SET_LIST", {}));
  const element = createElement(kind.tag, Object.fromEntries(options), constraintsSection(cib));
  if (kind.tag === "rsc_order") sameGroupCheck(cib, sets.flatMap((s) => s.ids));
  const newRoles = newRolesSupported(cib);
  for (const set of sets) {
    const attrs = Object.fromEntries(set.options);
    if (attrs.role !== undefined) attrs.role = roleForCib(attrs.role, newRoles);
    const setElement = createElement("resource_set", attrs, element);
    setElement.attrs.id = ids.allocate(`${element.attrs.id ?? "constraint_set"}_set`);
    for (const id of set.ids) createElement("resource_ref", { id }, setElement);
  }
  checkDuplicates(cib, element, { force: args.force, reports: args.reports, same: kind.same ?? sameSets });
}

export { capitalize };
