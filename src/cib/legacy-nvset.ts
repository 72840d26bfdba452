// pcs's older nvset editing, still used by `resource update` and `op` changes: pairs are applied
// in the order given, a new set is appended (not inserted first) with a unique id, new nvpairs get
// `<set id>-<name>` without a uniqueness check, and an emptied set is kept.
import type { IdIndex } from "./ids.js";
import { createElement, detach, type XmlElement } from "./xml.js";

export function legacyUpdateNvset(owner: XmlElement, tag: string, pairs: readonly [string, string][], ids: IdIndex): void {
  if (!pairs.length) return;
  const onlyRemoving = pairs.every(([, v]) => v === "");
  let set = owner.children.find((c) => c.name === tag);
  if (!set && onlyRemoving) return;
  if (!set) {
    set = createElement(tag, { id: ids.allocate(`${owner.attrs.id ?? ""}-${tag}`) }, owner);
    ids.use(set.attrs.id);
  }
  for (const [name, value] of pairs) legacySetNvpair(set, name, value, ids);
}

export function legacySetNvpair(set: XmlElement, name: string, value: string, ids: IdIndex): void {
  const pair = set.children.find((c) => c.name === "nvpair" && c.attrs.name === name);
  if (pair) {
    if (value === "") detach(pair);
    else pair.attrs.value = value;
    return;
  }
  if (value === "") return;
  const id = `${set.attrs.id ?? ""}-${name}`;
  ids.use(id);
  createElement("nvpair", { id, name, value }, set);
}
