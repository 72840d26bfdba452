// Resource and operation defaults (rsc_defaults, op_defaults): option sets of meta attributes,
// created, updated, removed and listed with pcs 0.11.5's semantics.
import { error, forceableError, warning, type ReportItem } from "../report/index.js";
import { appendMultiNvset, findNvsets, updateMultiNvset } from "./defaults-nvset.js";
import { findById, findSection, section } from "./document.js";
import { IdIndex, validateId } from "./ids.js";
import { isScore } from "./properties.js";
import type { XmlElement } from "./xml.js";

export type DefaultsSection = "rsc_defaults" | "op_defaults";
export type Pairs = ReadonlyMap<string, string>;

const NVSET_TAGS = ["meta_attributes", "instance_attributes"];

/** The set with `id` in the section, or the report pcs gives for it. */
export function findDefaultsSet(cib: XmlElement, name: DefaultsSection, id: string): XmlElement | ReportItem {
  const parent = section(cib, name);
  const inside = parent.children.find((c) => NVSET_TAGS.includes(c.name) && c.attrs.id === id);
  if (inside) return inside;
  const elsewhere = findById(cib, id);
  if (!elsewhere) return error("DEFAULTS_SET_NOT_FOUND", { id });
  if (NVSET_TAGS.includes(elsewhere.name)) return error("DEFAULTS_SET_OTHER_CONTEXT", { tag: elsewhere.name, id, context: name });
  return error("DEFAULTS_NOT_A_SET", { id });
}

/** Checks of `set create` options (id, score) with pcs's messages. */
export function validateSetOptions(options: Pairs, ids: IdIndex): ReportItem[] {
  const reports: ReportItem[] = [];
  const unknown = [...options.keys()].filter((n) => n !== "id" && n !== "score");
  if (unknown.length) reports.push(forceableError("INVALID_OPTIONS", { names: unknown, allowed: ["id", "score"] }));
  const id = options.get("id");
  if (id !== undefined) {
    const invalid = validateId(id, "id");
    reports.push(...(invalid.length ? invalid : ids.book(id)));
  }
  const score = options.get("score");
  if (score !== undefined && !isScore(score)) reports.push(error("DEFAULTS_INVALID_SCORE", { score }));
  return reports;
}

export function createDefaultsSet(
  cib: XmlElement,
  name: DefaultsSection,
  pairs: Pairs,
  options: Pairs,
  ids: IdIndex,
  addRule?: (set: XmlElement) => void,
): XmlElement {
  const set = appendMultiNvset(section(cib, name), "meta_attributes", pairs, options, ids, addRule);
  return set;
}

/** Options (forced past validation) that Pacemaker's schema does not allow on a set. */
export const schemaInvalidSetOptions = (options: Pairs): string[] => [...options.keys()].filter((n) => n !== "id" && n !== "score");


/**
 * `defaults update` without a set id: edit the only meta_attributes set, create one when there
 * is none, refuse when there are several. Returns the reports to show (a warning, or an error).
 */
export function updateOnlyDefaultsSet(cib: XmlElement, name: DefaultsSection, pairs: Pairs, command: string): ReportItem[] {
  if (!pairs.size) return [];
  const onlyRemoving = [...pairs.values()].every((v) => v === "");
  const overridable = warningDefaultsOverride();
  if (onlyRemoving && !findSection(cib, name)) return [overridable];
  const sets = findNvsets(section(cib, name), "meta_attributes");
  if (sets.length > 1) return [error("DEFAULTS_SET_AMBIGUOUS", { command })];
  const ids = new IdIndex(cib);
  if (sets.length === 1) updateMultiNvset(sets[0], pairs, ids);
  else if (!onlyRemoving) appendMultiNvset(section(cib, name), "meta_attributes", pairs, new Map(), ids);
  return [overridable];
}

export const warningDefaultsOverride = (): ReportItem => warning("DEFAULTS_CAN_BE_OVERRIDDEN", {});

export interface DefaultsSetView {
  id: string;
  options: Record<string, string>;
  pairs: { id: string; name: string; value: string }[];
  rule?: XmlElement;
}

export function listDefaultsSets(cib: XmlElement, name: DefaultsSection): DefaultsSetView[] {
  const parent = findSection(cib, name);
  if (!parent) return [];
  return findNvsets(parent, "meta_attributes").map((set) => ({
    id: set.attrs.id ?? "",
    options: Object.fromEntries(Object.entries(set.attrs).filter(([k]) => k !== "id")),
    pairs: set.children
      .filter((c) => c.name === "nvpair")
      .map((c) => ({ id: c.attrs.id ?? "", name: c.attrs.name ?? "", value: c.attrs.value ?? "" })),
    rule: set.children.find((c) => c.name === "rule"),
  }));
}
