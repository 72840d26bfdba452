// A small ordered XML tree for CIB documents: element and attribute order kept, serialization
// in pcs's layout, tree editing and queries. Parsing is in xml-parse.ts.
import { appendToText, TextSink, untouchedText, type RewrittenText } from "./xml-lazy.js";
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
export const escapeText = (value: string): string => (/[&<>]/.test(value) ? value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]) : value);

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The value of character data or (`isAttr`) of an attribute as written at `offset`: entities replaced,
 * and in an attribute tabs and line ends turned into spaces; `fail` reports a bad entity.
 */
export function decodeEntities(raw: string, isAttr: boolean, offset: number, fail: (offset: number, reason: string) => never): string {
  let value = raw;
  if (isAttr && /[\t\n\r]/.test(value)) value = value.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ");
  if (value.indexOf("&") < 0) return value;
  return value.replace(/&([^;&<]*)(;?)/g, (_m, name: string, semi: string) => {
    if (!semi) fail(offset, "invalid character entity");
    if (name[0] === "#") {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(name) || !(code > 0 && code <= 0x10ffff)) fail(offset, `malformed character entity: &${name};`);
      return String.fromCodePoint(code);
    }
    const known = PREDEFINED[name];
    if (known === undefined) fail(offset, `undefined entity: &${name};`);
    return known;
  });
}

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
  return joinPieces(serializePieces(root, { indent }));
}

/** A piece of a serialization: text, or a section kept as text to be rewritten as it is written out. */
export type Piece = string | RewrittenText;

/**
 * serializeAfterStartTag's text in pieces: each section kept as text is a piece of its own, the same
 * one each time, so that two serializations compare without being written out whole.
 */
export function serializePieces(root: XmlElement, { indent = true } = {}): Piece[] {
  // string concatenation builds V8 ropes: far less garbage than an array of lines plus join
  let out = "";
  const pieces: Piece[] = [];
  const piece = (kept: Piece) => {
    pieces.push(out, kept);
    out = "";
  };
  const nl = indent ? "\n" : "";
  const pads: string[] = [""];
  const write = (e: XmlElement, depth: number, open: string) => {
    const pad = indent ? (pads[depth] ??= "  ".repeat(depth)) : "";
    const kept = indent ? untouchedText(e) : undefined;
    const layout = kept?.rewritten?.(depth);
    if (layout) {
      if (!layout.children && !kept!.appended.length) {
        out += layout.hasText ? open + ">" + layout.head + "</" + e.name + ">" + nl : open + "/>" + nl;
        return;
      }
      out += open + ">" + layout.head + nl;
      if (layout.children) piece(layout.children);
      for (const child of kept!.appended) write(child, depth + 1, pad + "  " + openTagText(child));
      out += pad + "</" + e.name + ">" + nl;
      return;
    }
    if (kept) {
      out += open + ">";
      if (!kept.appended.length) {
        piece(kept.raw);
        out += "</" + e.name + ">" + nl;
        return;
      }
      piece(kept.raw.trimEnd());
      out += nl;
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
  pieces.push(indent ? out : out + "\n");
  return pieces;
}

/** Pieces holding rewritten sections, written into one sink: they go straight into it, never a string of their own. */
function sinkOf(pieces: readonly Piece[]): TextSink {
  let size = 0;
  for (const p of pieces) size += typeof p === "string" ? p.length : p.sizeHint;
  const sink = new TextSink(size);
  for (const p of pieces) {
    if (typeof p === "string") sink.add(p);
    else p.writeInto(sink);
  }
  return sink;
}

/** The text of a serialization in pieces. */
export function joinPieces(pieces: readonly Piece[]): string {
  if (pieces.every((p) => typeof p === "string")) return pieces.length === 1 ? pieces[0] : pieces.join("");
  return sinkOf(pieces).toString();
}

/**
 * joinPieces's text encoded as UTF-8, without the whole text as a string: what a file is written
 * from (a big CIB is written once, not joined, copied and encoded on the way).
 */
export function encodePieces(pieces: readonly Piece[]): Buffer {
  if (pieces.every((p) => typeof p === "string")) {
    let size = 0;
    for (const p of pieces as readonly string[]) size += Buffer.byteLength(p, "utf8");
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (const p of pieces as readonly string[]) at += bytes.write(p, at, "utf8");
    return bytes;
  }
  return sinkOf(pieces).toUtf8();
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
