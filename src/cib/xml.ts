// A small ordered XML tree for CIB documents: saxes parses strictly (errors carry line and
// column), the tree keeps element and attribute order, and serialization matches pcs's layout.
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  parent: XmlElement | null;
  /** Non-whitespace character data, kept for the rare element that has some. */
  text?: string;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  parser.on("opentag", (tag) => {
    const parent = stack.length ? stack[stack.length - 1] : null;
    const element: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], parent };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", (data) => {
    if (stack.length && data.trim()) {
      const current = stack[stack.length - 1];
      current.text = (current.text ?? "") + data;
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    const match = /^(\d+):(\d+): (.*)$/s.exec((e as Error).message);
    if (match) throw new XmlSyntaxError(Number(match[1]), Number(match[2]), match[3]);
    throw new XmlSyntaxError(parser.line, parser.column, (e as Error).message);
  }
  if (!root) throw new XmlSyntaxError(parser.line, parser.column, "document has no root element");
  return root;
}

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
const escapeText = (value: string): string => value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);

/** Serialize with two-space indentation and self-closing empty elements, as pcs writes CIB files. */
export function serializeXml(root: XmlElement, { indent = true } = {}): string {
  const out: string[] = [];
  const write = (e: XmlElement, pad: string) => {
    let open = pad + "<" + e.name;
    for (const name in e.attrs) open += ` ${name}="${escapeAttr(e.attrs[name])}"`;
    if (!e.children.length && e.text === undefined) {
      out.push(open + "/>");
      return;
    }
    if (!e.children.length) {
      out.push(open + ">" + escapeText(e.text!) + `</${e.name}>`);
      return;
    }
    out.push(open + ">" + (e.text !== undefined ? escapeText(e.text) : ""));
    const inner = indent ? pad + "  " : "";
    for (const child of e.children) write(child, inner);
    out.push(pad + `</${e.name}>`);
  };
  write(root, "");
  return out.join(indent ? "\n" : "") + "\n";
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
  parent.children.push(child);
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
