// pcs's legacy name/value set editing (resource meta, clone options, utilization): the first
// set of the tag is updated in the order given, a missing one is appended (never for removals
// only), new pairs get the id `<set id>-<name>`, and an emptied set is kept.
import { createElement, detach, walk, type XmlElement } from "./xml.js";

function idInUse(cib: XmlElement, id: string): boolean {
  let found = false;
  for (const part of cib.children) {
    if (part.name === "status") continue;
    walk(part, (e) => {
      if (found) return false;
      if (e.attrs.id === id) found = true;
    });
  }
  return found;
}

/** pcs's legacy find_unique_id over the configuration (the status section is ignored). */
export function legacyUniqueId(root: XmlElement, candidate: string): string {
  let cib = root;
  while (cib.parent) cib = cib.parent;
  let id = candidate;
  for (let n = 1; idInUse(cib, id); n++) id = `${candidate}-${n}`;
  return id;
}

function updatePair(set: XmlElement, name: string, value: string, idPrefix: string): void {
  let pair: XmlElement | undefined;
  walk(set, (e) => {
    if (pair) return false;
    if (e !== set && e.name === "nvpair" && e.attrs.name === name) pair = e;
  });
  if (pair) {
    if (value === "") detach(pair);
    else pair.attrs.value = value;
  } else if (value !== "") {
    createElement("nvpair", { id: idPrefix + name, name, value }, set);
  }
}

/** Update (or create) the first `tag` set directly in `element` with the pairs, in order. */
export function legacyUpdateNvset(element: XmlElement, tag: string, pairs: [string, string][], idCandidate: string): void {
  if (!pairs.length) return;
  const onlyRemoving = pairs.every(([, v]) => v === "");
  let set = element.children.find((c) => c.name === tag);
  if (!set && onlyRemoving) return;
  set ??= createElement(tag, { id: legacyUniqueId(element, idCandidate) }, element);
  for (const [name, value] of pairs) updatePair(set, name, value, `${set.attrs.id}-`);
}

export const legacyUpdateMeta = (element: XmlElement, pairs: [string, string][]): void =>
  legacyUpdateNvset(element, "meta_attributes", pairs, `${element.attrs.id}-meta_attributes`);

export const legacyUpdateUtilization = (element: XmlElement, pairs: [string, string][]): void =>
  legacyUpdateNvset(element, "utilization", pairs, `${element.attrs.id}-utilization`);
