// Elements kept as text: a big CIB's sections are checked for well-formedness while reading, but
// only parsed into elements when something looks at their children. A command that appends to
// such a section (resource create, constraint add) leaves the old content as text; one that never
// looks into a section (property set) writes it back exactly as it was read. The ids inside are
// recorded while checking, so id lookups do not need the elements. A section is written either as
// read or, for a file in another layout than pcs's, as serializeXml would write its parsed content
// (see rewriteKept in xml-skim.ts): the same bytes as the whole tree parsed and serialized.
import { isAscii } from "node:buffer";
import type { XmlElement } from "./xml-element.js";

/** The ids of the elements (with an id attribute) inside a section kept as text. */
export interface TextIds {
  ids: string[];
  /** Where each element's name starts in `text` (names are read only when asked for). */
  nameAt: number[];
  text: string;
}

/** The name of the element holding `ids.ids[i]`. */
export function idElementName(ids: TextIds, i: number): string {
  const { text } = ids;
  const start = ids.nameAt[i];
  let end = start;
  for (let c = text.charCodeAt(end); c !== 62 && c !== 47 && c !== 32 && c !== 10 && c !== 9 && c !== 13; c = text.charCodeAt(++end));
  return text.slice(start, end);
}

/**
 * Text written straight into the output (the children of a kept element rewritten in pcs's layout),
 * so that the rewritten text of a big section never exists as a string of its own.
 */
export interface RewrittenText {
  writeInto(sink: TextSink): void;
  /** How long the text may be (for the sink's first size). */
  readonly sizeHint: number;
  text(): string;
}

/** A kept element as serializeXml writes it at some depth. */
export interface KeptLayout {
  /** Its own character data, escaped ("" when none). */
  head: string;
  hasText: boolean;
  /** Its children, each on its lines at depth + 1; undefined when it has none. */
  children: RewrittenText | undefined;
}

interface TextContent {
  raw: string;
  ids: TextIds | undefined;
  /** Children appended while the old ones were still text. */
  appended: XmlElement[];
  children?: XmlElement[];
  /** How the element is written at a depth; undefined: `raw` as read. */
  rewritten?: (depth: number) => KeptLayout | undefined;
}

const textContent = new WeakMap<XmlElement, TextContent>();

/**
 * Keep `element`'s content as the text `raw` (what lies between its tags); `parse` turns it into
 * children (and the element's own character data) on first access to `element.children`; `rewritten`,
 * when given, says what to write instead of `raw` while nobody has looked into it.
 */
export function keepAsText(
  element: XmlElement,
  raw: string,
  ids: TextIds | undefined,
  parse: (raw: string) => XmlElement[],
  rewritten?: (depth: number) => KeptLayout | undefined,
): void {
  const content: TextContent = { raw, ids, appended: [], rewritten };
  textContent.set(element, content);
  Object.defineProperty(element, "children", {
    enumerable: true,
    configurable: true,
    get(): XmlElement[] {
      if (!content.children) {
        const parsed = parse(raw);
        for (const child of parsed) child.parent = element;
        content.children = content.appended.length ? parsed.concat(content.appended) : parsed;
      }
      return content.children;
    },
    set(value: XmlElement[]) {
      content.children = value;
    },
  });
}

/**
 * The text, the ids recorded in it (if asked for) and the appended children of an element whose
 * old content nobody has looked into.
 */
export function untouchedText(e: XmlElement): Readonly<TextContent> | undefined {
  const content = textContent.get(e);
  return content && !content.children ? content : undefined;
}

/** Append `child` to `parent` without parsing parent's text; false when parent holds no text. */
export function appendToText(parent: XmlElement, child: XmlElement): boolean {
  const content = textContent.get(parent);
  if (!content || content.children) return false;
  content.appended.push(child);
  return true;
}

/** A text written code unit by code unit into a typed array: one byte each until a wider one comes. */
export class TextSink {
  private bytes: Uint8Array | undefined;
  private wide: Uint16Array | undefined;
  /** `bytes` as a Buffer, once asked for. */
  private view: Buffer | undefined;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 256));
  }

  private get capacity(): number {
    return this.bytes ? this.bytes.length : this.wide!.length;
  }

  /** Room for `more` units (two bytes each from now on when `widen`). */
  private reserve(more: number, widen = false): void {
    const need = this.length + more;
    if (need <= this.capacity && !(widen && this.bytes)) return;
    const size = need <= this.capacity ? this.capacity : Math.max(need, Math.floor(this.capacity * 1.5));
    const used = (this.bytes ?? this.wide)!.subarray(0, this.length);
    this.view = undefined;
    if (widen || this.wide) {
      this.wide = new Uint16Array(size);
      this.wide.set(used);
      this.bytes = undefined;
    } else {
      this.bytes = new Uint8Array(size);
      this.bytes.set(used);
    }
  }

  /** text[from, to) */
  copy(text: string, from: number, to: number): void {
    if (this.length + to - from > this.capacity) this.reserve(to - from);
    let at = this.length;
    const bytes = this.bytes;
    if (bytes) {
      let all = 0;
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        all |= c;
        bytes[at++] = c;
      }
      if (all < 256) {
        this.length = at;
        return;
      }
      // a unit wider than a byte: everything two bytes from now on, this text again
      this.reserve(to - from, true);
      at = this.length;
    }
    const wide = this.wide!;
    for (let k = from; k < to; k++) wide[at++] = text.charCodeAt(k);
    this.length = at;
  }

  /**
   * Copies the name that starts at `from` (up to whitespace, '/', '>' or '='); returns where it ends.
   */
  copyName(text: string, from: number): number {
    const bytes = this.bytes;
    let at = this.length;
    let k = from;
    if (bytes) {
      for (; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 32 || c === 10 || c === 9 || c === 13 || c === 47 || c === 62 || c === 61) break;
        if (c > 255 || at === bytes.length) break;
        bytes[at++] = c;
      }
      this.length = at;
    }
    // the rest (a wide unit, no room left)
    let end = k;
    for (let c = text.charCodeAt(end); end < text.length && c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 47 && c !== 62 && c !== 61; c = text.charCodeAt(++end));
    if (end > k) this.copy(text, k, end);
    return end;
  }

  /**
   * Copies the attribute value that starts at `from`, up to the `quote` that ends it, when
   * serializeXml writes it as it is; returns where the quote is. -1 (and nothing copied) when it
   * holds a character serializeXml escapes (& < > " tab, newline, carriage return) or a wide one.
   */
  copyPlainValue(text: string, from: number, quote: number): number {
    const bytes = this.bytes;
    if (!bytes) return -1;
    let at = this.length;
    for (let k = from; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === quote) {
        this.length = at;
        return k;
      }
      if (c === 38 || c === 60 || c === 62 || c === 34 || c === 9 || c === 10 || c === 13 || c > 255 || at === bytes.length) return -1;
      bytes[at++] = c;
    }
    return -1;
  }

  /** One code unit. */
  unit(c: number): void {
    if (this.length === this.capacity) this.reserve(1);
    (this.bytes ?? this.wide)![this.length++] = c;
  }

  /**
   * A line: `indent` spaces, text[from, to), "/>" when `selfClose`, a newline. `oneByte`: the text
   * holds no unit wider than a byte (a long run is then copied natively).
   */
  line(indent: number, text: string, from: number, to: number, oneByte: boolean, selfClose: boolean): void {
    const bytes = this.bytes;
    if (!oneByte || !bytes || to - from < 32) {
      this.spaces(indent);
      this.copy(text, from, to);
      if (selfClose) this.add("/>");
      this.unit(10);
      return;
    }
    if (this.length + indent + to - from + 3 > bytes.length) {
      this.reserve(indent + to - from + 3);
      return this.line(indent, text, from, to, oneByte, selfClose);
    }
    let at = this.length;
    for (const end = at + indent; at < end; ) bytes[at++] = 32;
    this.view ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    at += this.view.write(text.slice(from, to), at, "latin1");
    if (selfClose) {
      bytes[at++] = 47;
      bytes[at++] = 62;
    }
    bytes[at++] = 10;
    this.length = at;
  }

  /** Bytes (one code unit each). */
  addBytes(units: Uint8Array): void {
    if (this.length + units.length > this.capacity) this.reserve(units.length);
    (this.bytes ?? this.wide)!.set(units, this.length);
    this.length += units.length;
  }

  add(text: string): void {
    const bytes = this.bytes;
    if (text.length < 256 || !bytes || /[^\0-\xff]/.test(text)) return this.copy(text, 0, text.length);
    // a long one-byte text (a section as read, say): copied natively
    if (this.length + text.length > bytes.length) this.reserve(text.length);
    this.view ??= Buffer.from(this.bytes!.buffer, this.bytes!.byteOffset, this.bytes!.length);
    this.length += this.view.write(text, this.length, "latin1");
  }

  spaces(count: number): void {
    if (this.length + count > this.capacity) this.reserve(count);
    const units = (this.bytes ?? this.wide)!;
    for (let k = 0; k < count; k++) units[this.length++] = 32;
  }

  /** Put `text` in at `at`, moving what follows. */
  insert(at: number, text: string): void {
    const tail = this.length - at;
    this.add(text);
    const units = (this.bytes ?? this.wide)!;
    const inserted = units.slice(this.length - text.length, this.length);
    units.copyWithin(at + text.length, at, at + tail);
    units.set(inserted, at);
  }

  /** The text encoded as UTF-8: the sink's own bytes when they are all ASCII (no copy). */
  toUtf8(): Buffer {
    if (this.bytes) {
      const used = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length);
      if (isAscii(used)) return used;
    }
    return Buffer.from(this.toString(), "utf8");
  }

  toString(): string {
    if (this.bytes) return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString("latin1");
    const wide = this.wide!;
    let text = "";
    for (let k = 0; k < this.length; k += 8192) text += String.fromCharCode(...wide.subarray(k, Math.min(k + 8192, this.length)));
    return text;
  }
}
