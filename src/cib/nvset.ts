// Name/value sets (instance_attributes, meta_attributes, utilization, cluster_property_set, ...)
// with pcs's semantics: names sorted, an empty value deletes, ids `<set id>-<name>`.
import type { IdIndex } from "./ids.js";
import { createElement, detach, insertBefore, firstChild, type XmlElement } from "./xml.js";

export type NvPairs = Record<string, string>;

/** An element is worth keeping when it has children, or attributes other than id. */
export const isUseful = (e: XmlElement): boolean =>
  e.children.length > 0 || Object.keys(e.attrs).some((a) => a !== "id");

/** Insert `element` into `parent` only when useful (at `index`, default the end). */
export function appendWhenUseful(parent: XmlElement, element: XmlElement, index?: number): XmlElement {
  if (element.parent === parent || !isUseful(element)) return element;
  insertBefore(parent, element, index === undefined ? null : (parent.children[index] ?? null));
  return element;
}

export function removeWhenPointless(element: XmlElement): void {
  if (!isUseful(element)) detach(element);
}

function appendPair(set: XmlElement, name: string, value: string, ids: IdIndex): void {
  createElement("nvpair", { id: ids.subelementId(set, name), name, value }, set);
}

/** Set, add, or (empty value) remove one nvpair of a set. */
export function setNvpair(set: XmlElement, name: string, value: string, ids: IdIndex): void {
  const pair = set.children.find((c) => c.name === "nvpair" && c.attrs.name === name);
  if (!pair) {
    if (value) appendPair(set, name, value, ids);
  } else if (value) pair.attrs.value = value;
  else detach(pair);
}

const sortedEntries = (pairs: NvPairs): [string, string][] =>
  Object.entries(pairs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Apply pairs to an existing set, in name order. */
export function updateNvset(set: XmlElement, pairs: NvPairs, ids: IdIndex): void {
  for (const [name, value] of sortedEntries(pairs)) setNvpair(set, name, value, ids);
}

/**
 * A new set `<tag id="<parent id>-<tag>">` with the (non-empty) pairs in name order, appended to
 * `parent` when it holds anything (or always, with `always`).
 */
export function appendNewNvset(
  tag: string,
  parent: XmlElement,
  pairs: NvPairs,
  ids: IdIndex,
  { always = false, id }: { always?: boolean; id?: string } = {},
): XmlElement {
  const set = createElement(tag, { id: id ?? ids.subelementId(parent, tag) });
  for (const [name, value] of sortedEntries(pairs)) if (value) appendPair(set, name, value, ids);
  if (always) insertBefore(parent, set, null);
  else appendWhenUseful(parent, set);
  return set;
}

/**
 * Put pairs into the first `tag` set of `parent`, creating it (as the first child) when missing;
 * does nothing for no pairs. pcs uses this for `resource update`, `meta`, `utilization`.
 */
export function arrangeFirstNvset(tag: string, parent: XmlElement, pairs: NvPairs, ids: IdIndex, newId?: string): void {
  if (!Object.keys(pairs).length) return;
  const existing = firstChild(parent, tag);
  const set = existing ?? createElement(tag, { id: newId ?? ids.subelementId(parent, tag) });
  updateNvset(set, pairs, ids);
  if (!existing) appendWhenUseful(parent, set, 0);
}

/** The pairs of a set, in document order. */
export function nvsetPairs(set: XmlElement): { id: string; name: string; value: string }[] {
  return set.children
    .filter((c) => c.name === "nvpair")
    .map((c) => ({ id: c.attrs.id ?? "", name: c.attrs.name ?? "", value: c.attrs.value ?? "" }));
}

export const nvsetToRecord = (set: XmlElement | undefined): NvPairs =>
  Object.fromEntries(set ? nvsetPairs(set).map((p) => [p.name, p.value]) : []);

/** The value of `name` in the first `tag` set of `parent`. */
export function nvValue(parent: XmlElement, tag: string, name: string): string | undefined {
  const set = firstChild(parent, tag);
  return set?.children.find((c) => c.name === "nvpair" && c.attrs.name === name)?.attrs.value;
}
