// Node attributes and utilization in the nodes section, edited as crm_attribute and pcs's
// legacy code do (ids nodes-<node id>, <set id>-<name>).
import { findSection } from "./document.js";
import { createElement, descendants, detach, walk, type XmlElement } from "./xml.js";

export const findNode = (cib: XmlElement, uname: string): XmlElement | undefined =>
  findSection(cib, "nodes")?.children.find((n) => n.name === "node" && n.attrs.uname === uname);

export const cibNodes = (cib: XmlElement): XmlElement[] => descendants(findSection(cib, "nodes") ?? cib, "node");

/** name -> value of the node's first set named `tag` (pcs reads only the first one). */
export function firstSetValues(node: XmlElement, tag: string, filterName?: string): Map<string, string> {
  const values = new Map<string, string>();
  const set = descendants(node, tag)[0];
  for (const pair of set ? descendants(set, "nvpair") : []) {
    const name = pair.attrs.name ?? "";
    if (filterName === undefined || name === filterName) values.set(name, pair.attrs.value ?? "");
  }
  return values;
}

function idInUse(cib: XmlElement, id: string): boolean {
  let found = false;
  walk(cib, (e) => {
    if (found) return false;
    if (e.attrs.id === id) found = true;
  });
  return found;
}

function uniqueId(cib: XmlElement, proposed: string): string {
  let candidate = proposed;
  for (let i = 1; idInUse(cib, candidate); i++) candidate = `${proposed}-${i}`;
  return candidate;
}

/** Set (or, with an empty value, remove) one pair in the node's first `tag` set. */
export function setNodePair(
  cib: XmlElement,
  node: XmlElement,
  tag: string,
  setIdCandidate: string,
  name: string,
  value: string,
): void {
  let set = node.children.find((c) => c.name === tag);
  if (!set) {
    if (value === "") return;
    set = createElement(tag, { id: uniqueId(cib, setIdCandidate) }, node);
  }
  const pair = set.children.find((c) => c.name === "nvpair" && c.attrs.name === name);
  if (pair) {
    if (value === "") detach(pair);
    else pair.attrs.value = value;
  } else if (value !== "") {
    createElement("nvpair", { id: `${set.attrs.id}-${name}`, name, value }, set);
  }
}

export const hasNodeAttribute = (node: XmlElement, name: string): boolean =>
  node.children.some((s) => s.name === "instance_attributes" && s.children.some((p) => p.name === "nvpair" && p.attrs.name === name));
