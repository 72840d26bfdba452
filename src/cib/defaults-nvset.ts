// Option sets the way pcs's newer library code edits them (cluster properties, resource and
// operation defaults): pairs kept in the order given, nvpair ids from at most 20 characters of
// the name, an empty value removes the pair (and its duplicates), sets are never removed.
import type { IdIndex } from "./ids.js";
import { createElement, detach, type XmlElement } from "./xml.js";

export const findNvsets = (parent: XmlElement, tag: string): XmlElement[] => parent.children.filter((c) => c.name === tag);

export function setMultiNvpair(set: XmlElement, name: string, value: string, ids: IdIndex): void {
  const pairs = set.children.filter((c) => c.name === "nvpair" && c.attrs.name === name);
  if (!pairs.length) {
    if (value !== "") createElement("nvpair", { id: ids.subelementId(set, name.slice(0, 20)), name, value }, set);
    return;
  }
  if (value !== "") pairs[0].attrs.value = value;
  else detach(pairs[0]);
  for (const extra of pairs.slice(1)) detach(extra);
}

export function updateMultiNvset(set: XmlElement, pairs: ReadonlyMap<string, string>, ids: IdIndex): void {
  for (const [name, value] of pairs) setMultiNvpair(set, name, value, ids);
}

/** Append a new set to `parent`; `options` (id, score, ...) become its attributes, empty ones skipped. */
export function appendMultiNvset(
  parent: XmlElement,
  tag: string,
  pairs: ReadonlyMap<string, string>,
  options: ReadonlyMap<string, string>,
  ids: IdIndex,
  addRule?: (set: XmlElement) => void,
): XmlElement {
  const attrs: Record<string, string> = {};
  const givenId = options.get("id");
  const id = givenId ? givenId : ids.subelementId(parent, tag);
  if (givenId) ids.use(givenId);
  for (const [name, value] of options) if (name !== "id" && value !== "") attrs[name] = value;
  // pcs sets the given options first and the id last when it generated the id
  const set = createElement(tag, givenId ? { ...Object.fromEntries([...options].filter(([, v]) => v !== "")) } : { ...attrs, id }, parent);
  addRule?.(set);
  updateMultiNvset(set, pairs, ids);
  return set;
}
