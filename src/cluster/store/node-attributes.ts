// Permanent node attributes (crm_attribute -l forever): <nodes><node><instance_attributes>.
import { childElements, createElement, ensureChild, type XmlElement } from "../../cib/xml.js";

function nodeElement(cib: XmlElement, node: { name: string; nodeid: number }): XmlElement {
  const nodes = ensureChild(ensureChild(cib, "configuration"), "nodes");
  return childElements(nodes, "node").find((n) => n.attrs.uname === node.name) ?? createElement("node", { id: String(node.nodeid), uname: node.name }, nodes);
}

export function nodeAttribute(cib: XmlElement, node: { name: string; nodeid: number }, name: string): string | undefined {
  for (const set of childElements(nodeElement(cib, node), "instance_attributes"))
    for (const nv of childElements(set, "nvpair")) if (nv.attrs.name === name) return nv.attrs.value;
  return undefined;
}

/** Set (value) or delete (undefined) a permanent node attribute; returns whether it changed. */
export function setNodeAttribute(cib: XmlElement, node: { name: string; nodeid: number }, name: string, value: string | undefined): boolean {
  const element = nodeElement(cib, node);
  const sets = childElements(element, "instance_attributes");
  const existing = sets.flatMap((s) => childElements(s, "nvpair")).find((nv) => nv.attrs.name === name);
  if (value === undefined) {
    if (!existing?.parent) return false;
    existing.parent.children = existing.parent.children.filter((c) => c !== existing);
    return true;
  }
  if (existing) {
    if (existing.attrs.value === value) return false;
    existing.attrs.value = value;
    return true;
  }
  const set = sets[0] ?? createElement("instance_attributes", { id: `nodes-${element.attrs.id}` }, element);
  createElement("nvpair", { id: `${set.attrs.id}-${name}`, name, value }, set);
  return true;
}
