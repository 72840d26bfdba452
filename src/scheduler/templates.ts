// Resource templates: a primitive with template="T" is the template's definition with the primitive's
// own attributes and sets taking precedence, and its own operations, if any, instead of the template's.
// Expanded once, into a new tree, so the rest of the
// scheduler sees plain primitives; a CIB without templates is returned as it is.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";

function expandPrimitive(p: XmlElement, template: XmlElement, parent: XmlElement): XmlElement {
  // the template attribute stays: constraints may name the template for all its primitives
  const out: XmlElement = { name: "primitive", attrs: { ...template.attrs, ...p.attrs }, children: [], parent };
  // the primitive's own sets first: where names repeat, the first set's value is the one used; its own
  // operations, when it has any, replace the template's
  const ownOps = firstChild(p, "operations");
  for (const c of p.children) out.children.push(c);
  for (const c of template.children) if (c.name !== "operations" || !ownOps) out.children.push(c);
  return out;
}

function expandChildren(e: XmlElement, templates: Map<string, XmlElement>, parent: XmlElement | null): XmlElement {
  const copy: XmlElement = { ...e, parent, children: [] };
  for (const c of e.children) {
    if (c.name === "primitive" && c.attrs.template && templates.has(c.attrs.template)) copy.children.push(expandPrimitive(c, templates.get(c.attrs.template) as XmlElement, copy));
    else if (c.name === "group" || c.name === "clone" || c.name === "master" || c.name === "bundle") copy.children.push(expandChildren(c, templates, copy));
    else copy.children.push(c);
  }
  return copy;
}

export function expandTemplates(cib: XmlElement): XmlElement {
  const config = firstChild(cib, "configuration");
  const resources = config && firstChild(config, "resources");
  if (!config || !resources) return cib;
  const templates = new Map(childElements(resources, "template").map((t) => [t.attrs.id, t] as const));
  if (!templates.size || !resources.children.some(function uses(c): boolean {
    return (c.name === "primitive" && !!c.attrs.template) || c.children.some(uses);
  })) return cib;
  const root: XmlElement = { ...cib, children: [] };
  const newConfig: XmlElement = { ...config, parent: root, children: [] };
  for (const c of cib.children) root.children.push(c === config ? newConfig : c);
  for (const c of config.children) newConfig.children.push(c === resources ? expandChildren(resources, templates, newConfig) : c);
  return root;
}
