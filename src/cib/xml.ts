// A small ordered XML tree for CIB documents: element and attribute order kept, serialization
// in pcs's layout, tree editing and queries. Parsing is in xml-parse.ts.
import { appendToText, untouchedText } from "./xml-lazy.js";
import type { XmlElement } from "./xml-element.js";

export type { XmlElement } from "./xml-element.js";


const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};
const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export const escapeAttr = (value: string): string =>
  /[&<>"\n\r\t]/.test(value) ? value.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c]) : value;
const escapeText = (value: string): string => (/[&<>]/.test(value) ? value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]) : value);

/** The start tag of an element (without the closing `>` or `/>`). */
export function openTagText(e: XmlElement): string {
  let open = "<" + e.name;
  const attrs = e.attrs;
  for (const name in attrs) open += " " + name + '="' + escapeAttr(attrs[name]) + '"';
  return open;
}

/** Serialize with two-space indentation and self-closing empty elements, as pcs writes CIB files. */
export function serializeXml(root: XmlElement, { indent = true } = {}): string {
  return openTagText(root) + serializeAfterStartTag(root, { indent });
}

/** What serializeXml writes after the root's start tag (so the tag can change without serializing again). */
export function serializeAfterStartTag(root: XmlElement, { indent = true } = {}): string {
  // string concatenation builds V8 ropes: far less garbage than an array of lines plus join
  let out = "";
  const nl = indent ? "\n" : "";
  const pads: string[] = [""];
  const write = (e: XmlElement, depth: number, open: string) => {
    const pad = indent ? (pads[depth] ??= "  ".repeat(depth)) : "";
    const kept = indent ? untouchedText(e) : undefined;
    if (kept) {
      if (!kept.appended.length) {
        out += open + ">" + kept.raw + "</" + e.name + ">" + nl;
        return;
      }
      out += open + ">" + kept.raw.trimEnd() + nl;
      for (const child of kept.appended) write(child, depth + 1, pad + "  " + openTagText(child));
      out += pad + "</" + e.name + ">" + nl;
      return;
    }
    const children = e.children;
    if (!children.length) {
      out += e.text === undefined ? open + "/>" + nl : open + ">" + escapeText(e.text) + "</" + e.name + ">" + nl;
      return;
    }
    out += open + ">" + (e.text !== undefined ? escapeText(e.text) : "") + nl;
    const childPad = indent ? (pads[depth + 1] ??= "  ".repeat(depth + 1)) : "";
    for (let i = 0; i < children.length; i++) write(children[i], depth + 1, childPad + openTagText(children[i]));
    out += pad + "</" + e.name + ">" + nl;
  };
  write(root, 0, "");
  return indent ? out : out + "\n";
}

// ---- tree editing ------------------------------------------------------------------------

export function createElement(name: string, attrs: Record<string, string> = {}, parent?: XmlElement): XmlElement {
  const element: XmlElement = { name, attrs: { ...attrs }, children: [], parent: null };
  if (parent) appendChild(parent, element);
  return element;
}

export function appendChild(parent: XmlElement, child: XmlElement): XmlElement {
  detach(child);
  child.parent = parent;
  if (!appendToText(parent, child)) parent.children.push(child);
  return child;
}

/** Insert child before `ref` (a child of parent); append when ref is null. */
export function insertBefore(parent: XmlElement, child: XmlElement, ref: XmlElement | null): XmlElement {
  if (!ref) return appendChild(parent, child);
  detach(child);
  const index = parent.children.indexOf(ref);
  if (index < 0) throw new Error("insertBefore: reference is not a child of parent");
  child.parent = parent;
  parent.children.splice(index, 0, child);
  return child;
}

export function insertAfter(parent: XmlElement, child: XmlElement, ref: XmlElement): XmlElement {
  const index = parent.children.indexOf(ref);
  return insertBefore(parent, child, parent.children[index + 1] ?? null);
}

export function detach(element: XmlElement): XmlElement {
  const parent = element.parent;
  if (parent) {
    const index = parent.children.indexOf(element);
    if (index >= 0) parent.children.splice(index, 1);
    element.parent = null;
  }
  return element;
}

export function cloneElement(element: XmlElement, parent: XmlElement | null = null): XmlElement {
  const copy: XmlElement = { name: element.name, attrs: { ...element.attrs }, children: [], parent };
  if (element.text !== undefined) copy.text = element.text;
  copy.children = element.children.map((c) => cloneElement(c, copy));
  return copy;
}

// ---- queries ----------------------------------------------------------------------------

export const childElements = (e: XmlElement, name?: string): XmlElement[] =>
  name === undefined ? e.children : e.children.filter((c) => c.name === name);

export const firstChild = (e: XmlElement, name: string): XmlElement | undefined =>
  e.children.find((c) => c.name === name);

/** The child named `name`, created (appended) when missing. */
export function ensureChild(e: XmlElement, name: string): XmlElement {
  return firstChild(e, name) ?? createElement(name, {}, e);
}

/** Depth-first, document order; `visit` returning false skips the element's subtree. */
export function walk(root: XmlElement, visit: (e: XmlElement) => boolean | void): void {
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
  }
}

export function findAll(root: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  walk(root, (e) => {
    if (predicate(e)) found.push(e);
  });
  return found;
}

export function findFirst(root: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement | undefined {
  let found: XmlElement | undefined;
  walk(root, (e) => {
    if (found) return false;
    if (predicate(e)) found = e;
  });
  return found;
}

export const descendants = (root: XmlElement, name: string): XmlElement[] => findAll(root, (e) => e.name === name);

export function ancestors(e: XmlElement): XmlElement[] {
  const list: XmlElement[] = [];
  for (let p = e.parent; p; p = p.parent) list.push(p);
  return list;
}

/** Path of element names from `e` (exclusive) upwards; used to build pcs-style xpaths in messages. */
export function closest(e: XmlElement, name: string | string[]): XmlElement | undefined {
  const names = Array.isArray(name) ? name : [name];
  for (let p: XmlElement | null = e; p; p = p.parent) if (names.includes(p.name)) return p;
  return undefined;
}
