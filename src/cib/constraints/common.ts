// What every constraint kind shares: resource checks, scores, roles, schema versions, lookups.
import { section } from "../document.js";
import { findResource, isClone, BUNDLE, CLONE, GROUP, MASTER, PRIMITIVE } from "../resources.js";
import { childElements, walk, type XmlElement } from "../xml.js";

export const CONSTRAINT_TAGS = ["rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"] as const;
export const ROLES = ["Stopped", "Started", "Promoted", "Unpromoted", "Master", "Slave"] as const;
export const ACTIONS = ["start", "stop", "promote", "demote"] as const;
export const SCORE_INFINITY = "INFINITY";

/** Python's str.capitalize. */
export const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);

/** Pacemaker score: [+-]INFINITY or [+-]digits. */
export function isScore(value: string): boolean {
  if (!value) return false;
  const unsigned = value[0] === "+" || value[0] === "-" ? value.slice(1) : value;
  return unsigned === SCORE_INFINITY || /^\d+$/.test(unsigned);
}

/** The schema version (major, minor) from validate-with="pacemaker-X.Y". */
export function schemaVersion(cib: XmlElement): [number, number] {
  const m = /pacemaker-(\d+)\.(\d+)/.exec(cib.attrs["validate-with"] ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

export function schemaAtLeast(cib: XmlElement, major: number, minor: number): boolean {
  const [a, b] = schemaVersion(cib);
  return a > major || (a === major && b >= minor);
}

/** Whether the CIB takes the Promoted / Unpromoted role names (schema 3.7+). */
export const newRolesSupported = (cib: XmlElement): boolean => schemaAtLeast(cib, 3, 7);

/** The role to write into the CIB (legacy names for old schemas). */
export function roleForCib(role: string, newSupported: boolean): string {
  const promoted = role === "Promoted" || role === "Master";
  const unpromoted = role === "Unpromoted" || role === "Slave";
  if (newSupported) return promoted ? "Promoted" : unpromoted ? "Unpromoted" : role;
  return promoted ? "Master" : unpromoted ? "Slave" : role;
}

/** Promoted / Unpromoted for their legacy names. */
export const primaryRole = (role: string): string => roleForCib(role, true);

export const isLegacyRole = (role: string): boolean => ["Master", "Slave"].includes(capitalize(role));

export const legacyRoleText = (role: string): string =>
  `Role value '${role}' is deprecated and should not be used, use '${primaryRole(capitalize(role))}' instead`;

/**
 * What `cibadmin --upgrade` does to the header when pcs upgrades the CIB to the latest schema:
 * admin_epoch + 1, epoch reset (the write that follows adds one).
 */
export function upgradeCibSchema(cib: XmlElement): boolean {
  if (schemaAtLeast(cib, 3, 9)) return false;
  cib.attrs["validate-with"] = "pacemaker-3.9";
  cib.attrs.admin_epoch = String(Number(cib.attrs.admin_epoch ?? 0) + 1);
  cib.attrs.epoch = "1";
  cib.attrs.num_updates = "0";
  return true;
}

export const constraintsSection = (cib: XmlElement): XmlElement => section(cib, "constraints");

/** The constraint elements directly in the constraints section, of the given tags. */
export const constraintsOf = (cib: XmlElement, tag?: string): XmlElement[] =>
  childElements(constraintsSection(cib)).filter((c) => (tag ? c.name === tag : true));

/** All elements named `name` under `root`, document order. */
export function elementsNamed(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  walk(root, (e) => {
    if (e.name === name) found.push(e);
  });
  return found;
}

export type ResourceCheck = { ok: true } | { ok: false; message: string; forceable: boolean };

/** pcs's legacy check that a resource can take a constraint (clone members need the clone id). */
export function checkConstraintResource(cib: XmlElement, id: string, force: boolean): ResourceCheck {
  const whole = findResource(cib, id, [CLONE, MASTER, BUNDLE]);
  if (whole) return { ok: true };
  const element = findResource(cib, id, [PRIMITIVE, GROUP]);
  if (!element) return { ok: false, message: `Resource '${id}' does not exist`, forceable: false };
  let parent: XmlElement | null = element.parent;
  while (parent && !isClone(parent) && parent.name !== BUNDLE) parent = parent.parent;
  if (!parent || parent.name === "resources" || force) return { ok: true };
  const kind = parent.name === BUNDLE ? "bundle" : "clone";
  return {
    ok: false,
    forceable: true,
    message: `${id} is a ${kind} resource, you should use the ${kind} id: ${parent.attrs.id} when adding constraints. Use --force to override.`,
  };
}

const SCORE_RE = /^[-+]?(INFINITY|\d+)$/;
const BOOL = ["true", "false", "1", "0"];
const ROLE_VALUES = ["Stopped", "Started", "Slave", "Master", "Promoted", "Unpromoted"];
const ACTION_VALUES = ["start", "stop", "promote", "demote"];
type AttrRule = true | RegExp | readonly string[];
const SCHEMA: Record<string, Record<string, AttrRule>> = {
  rsc_order: {
    id: true, first: true, then: true, "first-action": ACTION_VALUES, "then-action": ACTION_VALUES, "first-instance": true,
    "then-instance": true, kind: ["Optional", "Mandatory", "Serialize"], score: SCORE_RE, symmetrical: BOOL, "require-all": BOOL,
  },
  rsc_colocation: {
    id: true, rsc: true, "with-rsc": true, "rsc-role": ROLE_VALUES, "with-rsc-role": ROLE_VALUES, score: SCORE_RE,
    "score-attribute": true, "score-attribute-mangle": true, "node-attribute": true, "rsc-instance": true, "with-rsc-instance": true, influence: BOOL,
  },
};

/** Whether the CIB schema accepts a plain constraint element's attributes (pcs's legacy commands fail on push otherwise). */
export function schemaAccepts(e: XmlElement): boolean {
  const rules = SCHEMA[e.name];
  if (!rules) return true;
  return Object.entries(e.attrs).every(([name, value]) => {
    const rule = rules[name];
    if (rule === undefined) return false;
    if (rule === true) return true;
    return rule instanceof RegExp ? rule.test(value) : rule.includes(value);
  });
}
