// Checking a section kept as text (see xml-lazy.ts) without building anything. The markup pcs and
// Pacemaker write (start tags in the canonical layout: one space before each attribute, double
// quotes, nothing to unescape; a newline and two spaces a level between tags; end tags) is skimmed
// with regular expression tests and character comparisons, and so are start tags in other layouts
// whose values need no decoding. Anything else (text, comments, entities, broken markup) is left to
// the parser's detailed path, which reports errors.
// A section found in another layout than pcs's is rewritten into it as it is written out
// (rewriteKept), also without building anything.
import { decodeEntities, escapeAttr, escapeText } from "./xml.js";
import { TextSink, type KeptLayout, type RewrittenText, type TextIds } from "./xml-lazy.js";

const SIMPLE_TAG = /<[A-Za-z_:][-\w.:]*(?: [A-Za-z_:][-\w.:]*="[^"<>&\t\n\r]*")*\/?>/y;
// a start tag in another layout whose values still need no decoding: any whitespace, either quote
const LOOSE_TAG = /<[A-Za-z_:][-\w.:]*(?:[ \t\n\r]+[A-Za-z_:][-\w.:]*[ \t\n\r]*=[ \t\n\r]*(?:"[^"<&]*"|'[^'<&]*'))*[ \t\n\r]*\/?>/y;
const ID_ATTR = / id="/g;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

export class Skimmer {
  /** The open elements' names, as (start, length) pairs into the text. */
  private readonly open: number[] = [];
  /** The last token was a start tag (an element closed right after it should have been written empty). */
  private justOpened = true;
  // where the value of the next id attribute starts, searched forward once instead of per tag
  private idValueAt = -1;
  // attribute names seen in the current tag: a cheap hash, start and end in the text; told apart by
  // length, first and last character (a bloom filter of those), only equal ones are compared
  private readonly seen = new Int32Array(3 * 64);
  private names = 0;
  private bloom = 0;
  /** Whether everything skimmed so far is in the canonical layout. */
  canonical = true;
  /**
   * Whether all the skimmer saw are tags in the canonical layout, apart from the whitespace between
   * them (the parser says when it had to look at something itself).
   */
  tagsOnly = true;
  /** Whether the section has children. */
  hasChildren = false;
  /** The section's own character data. */
  ownText: string | undefined;

  constructor(
    private readonly text: string,
    /** How deep the section is (the root element is 1). */
    private readonly base: number,
    /** Where the ids are recorded, when asked for. */
    readonly ids: TextIds | undefined,
  ) {}

  /** How many elements inside the section are open. */
  get depth(): number {
    return this.open.length / 2;
  }

  /** A start tag (of an empty element when `empty`) whose name lies at `start`. */
  push(start: number, length: number, empty = false): void {
    if (!this.open.length) this.hasChildren = true;
    if (!empty) this.open.push(start, length);
    this.justOpened = !empty;
  }

  /** Close the innermost open element; its name, or undefined when none is open. */
  pop(): string | undefined {
    if (this.justOpened) this.canonical = false;
    this.justOpened = false;
    const length = this.open.pop();
    const start = this.open.pop();
    return start === undefined ? undefined : this.text.slice(start, start + length!);
  }

  /** Character data (decoded) found where the skimmer is. */
  addText(data: string): void {
    if (!this.open.length) this.ownText = (this.ownText ?? "") + data;
  }

  innermost(): string | undefined {
    const k = this.open.length;
    return k ? this.text.slice(this.open[k - 2], this.open[k - 2] + this.open[k - 1]) : undefined;
  }

  /** An element's id, and where its name starts. */
  record(nameAt: number, id: string): void {
    this.ids?.ids.push(id);
    this.ids?.nameAt.push(nameAt);
  }

  /** Skim from `from`; returns where the detailed path has to take over. */
  skim(from: number): number {
    const text = this.text;
    let p = from;
    for (;;) {
      const lt = text.indexOf("<", p);
      if (lt < 0) return p;
      const closing = text.charCodeAt(lt + 1) === 47; /* / */
      if (!this.isLayout(p, lt, closing)) return p;
      if (closing) {
        const k = this.open.length;
        if (!k) return lt; // the end of the kept section itself
        const start = this.open[k - 2];
        const length = this.open[k - 1];
        let c = 0;
        while (c < length && text.charCodeAt(lt + 2 + c) === text.charCodeAt(start + c)) c++;
        if (c < length || text.charCodeAt(lt + 2 + length) !== 62 /* > */) return lt;
        this.pop();
        p = lt + 3 + length;
        continue;
      }
      SIMPLE_TAG.lastIndex = lt;
      let tagEnd: number;
      let nameEnd = lt + 2;
      if (SIMPLE_TAG.test(text)) {
        tagEnd = SIMPLE_TAG.lastIndex;
        for (let c = text.charCodeAt(nameEnd); c !== 32 && c !== 47 && c !== 62; c = text.charCodeAt(++nameEnd));
        if (this.repeatsAttribute(nameEnd)) return lt;
        if (this.ids) {
          const id = this.idIn(nameEnd, tagEnd);
          if (id !== undefined) this.record(lt + 1, id);
        }
      } else {
        LOOSE_TAG.lastIndex = lt;
        if (!LOOSE_TAG.test(text)) return lt;
        tagEnd = LOOSE_TAG.lastIndex;
        for (let c = text.charCodeAt(nameEnd); c !== 47 && c !== 62 && !isSpace(c); c = text.charCodeAt(++nameEnd));
        if (!this.looseAttributes(lt + 1, nameEnd, tagEnd)) return lt;
        this.canonical = this.tagsOnly = false;
      }
      this.push(lt + 1, nameEnd - lt - 1, text.charCodeAt(tagEnd - 2) === 47);
      p = tagEnd;
    }
  }

  /** Whether [from, to) is whitespace (false: text, for the detailed path); notes whether it is the canonical indentation. */
  private isLayout(from: number, to: number, closing: boolean): boolean {
    const text = this.text;
    let canonical = text.charCodeAt(from) === 10 && to - from === 1 + 2 * (this.base + this.depth - (closing ? 1 : 0));
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32) {
        if (!isSpace(c)) return false;
        if (k !== from) canonical = false;
      }
    }
    if (!canonical) this.canonical = false;
    return true;
  }

  /** Whether the start tag whose attributes begin at `from` (a simple tag) names an attribute twice. */
  private repeatsAttribute(from: number): boolean {
    const text = this.text;
    this.names = 0;
    this.bloom = 0;
    for (let p = from + 1; text.charCodeAt(p - 1) === 32; ) {
      const equals = text.indexOf("=", p);
      if (this.repeats(p, equals)) return true;
      p = text.indexOf('"', equals + 2) + 2;
    }
    return false;
  }

  /**
   * Checks the attributes of a loose start tag (a match of LOOSE_TAG whose element name starts at
   * `nameAt`, its attributes at `from`, ending at `to`) and records its id; false when the detailed
   * path has to look: an attribute named twice, or an id that decoding would change.
   */
  private looseAttributes(nameAt: number, from: number, to: number): boolean {
    const text = this.text;
    this.names = 0;
    this.bloom = 0;
    for (let p = from; ; ) {
      while (isSpace(text.charCodeAt(p))) p++;
      if (p >= to - 2) return true; // at "/>" or ">"
      const nameStart = p;
      for (let c = text.charCodeAt(p); c !== 61 && !isSpace(c); c = text.charCodeAt(++p));
      if (this.repeats(nameStart, p)) return false;
      const isId = p - nameStart === 2 && text.startsWith("id", nameStart);
      p = text.indexOf("=", p) + 1;
      while (isSpace(text.charCodeAt(p))) p++;
      const end = text.indexOf(text[p], p + 1);
      if (isId && this.ids) {
        const id = text.slice(p + 1, end);
        if (/[\t\n\r]/.test(id)) return false;
        this.record(nameAt, id);
      }
      p = end + 1;
    }
  }

  /** Whether the attribute name [start, end) was seen in the current tag; notes it. */
  private repeats(start: number, end: number): boolean {
    const text = this.text;
    const seen = this.seen;
    const hash = ((end - start) << 16) ^ (text.charCodeAt(start) << 8) ^ text.charCodeAt(end - 1);
    const bit = 1 << ((hash ^ (hash >>> 16)) & 31);
    if (this.bloom & bit) {
      for (let k = 0; k < this.names; k++) {
        if (seen[3 * k] === hash && text.slice(seen[3 * k + 1], seen[3 * k + 2]) === text.slice(start, end)) return true;
      }
    }
    if (this.names === 64) return true; // unusual: let the detailed path look
    this.bloom |= bit;
    seen[3 * this.names] = hash;
    seen[3 * this.names + 1] = start;
    seen[3 * this.names + 2] = end;
    this.names++;
    return false;
  }

  /** The id attribute value of the simple start tag whose attributes lie in [from, to). */
  private idIn(from: number, to: number): string | undefined {
    const text = this.text;
    if (this.idValueAt <= from) {
      ID_ATTR.lastIndex = from;
      this.idValueAt = ID_ATTR.test(text) ? ID_ATTR.lastIndex : text.length + 1;
    }
    // values hold no '"', and each attribute is preceded by one space: a match is an attribute when
    // an even number of quotes precede it; otherwise it lies inside a value, and the id attribute
    // (if any) comes later in the tag
    while (this.idValueAt < to) {
      const value = this.idValueAt;
      let quotes = 0;
      for (let q = from; q < value - 1; q++) if (text.charCodeAt(q) === 34) quotes++;
      if (quotes % 2 === 0) return text.slice(value, text.indexOf('"', value));
      ID_ATTR.lastIndex = value;
      this.idValueAt = ID_ATTR.test(text) ? ID_ATTR.lastIndex : text.length + 1;
    }
    return undefined;
  }
}

// ---- writing a checked section in pcs's layout ----------------------------------------------

// a start tag's beginning that is already in pcs's layout: name, then ` name="value"` needing no escape
const CANONICAL_START = /<[A-Za-z_:][-\w.:]*(?: [A-Za-z_:][-\w.:]*="[^"<>&\t\n\r]*")*/y;
// in well-formed markup a name ends at whitespace, '/', '>' or '='
const endsName = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 47 || c === 62 || c === 61;
const unexpected = (offset: number, reason: string): never => {
  throw new Error(`kept text at ${offset}: ${reason}`);
};

/**
 * Write into `out` what serializeXml writes for the children of an element at `depth` whose content
 * is `raw` (checked well-formed text, as parseXml reads it): one element a line indented two spaces
 * a level, attributes in their order and escaped as serializeXml does, character data gathered from
 * between the tags and written after the start tag, empty elements self-closed; comments and
 * processing instructions dropped (the element's own character data is left to the caller). One
 * pass, no elements, no string for each tag.
 */
function writeChildren(raw: string, depth: number, out: TextSink): void {
  // per open level (0: the element itself): its character data (until it has children: then it is
  // written, and more goes in where it ends), whether it has children
  const texts: (string | undefined)[] = [undefined];
  const parents: boolean[] = [false];
  const heads: number[] = [0];
  // the parser's attribute object drops an attribute named __proto__: so does this
  const plain = !raw.includes("__proto__");
  let level = 0;
  const addText = (data: string) => {
    if (level && parents[level]) {
      const escaped = escapeText(data);
      out.insert(heads[level], escaped);
      heads[level] += escaped.length;
    } else texts[level] = (texts[level] ?? "") + data;
  };
  const n = raw.length;
  for (let p = 0; p < n; ) {
    const lt = raw.indexOf("<", p);
    const end = lt < 0 ? n : lt;
    if (end > p && !isLayoutOnly(raw, p, end)) {
      const chunk = raw.slice(p, end);
      if (chunk.trim()) addText(decodeEntities(chunk, false, p, unexpected));
    }
    if (lt < 0) break;
    const next = raw.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      let nameEnd = lt + 2;
      while (!endsName(raw.charCodeAt(nameEnd))) nameEnd++;
      const text = texts[level];
      if (parents[level]) out.spaces(2 * (depth + level));
      else if (text === undefined) out.add("/>\n");
      else out.add(">" + escapeText(text));
      if (parents[level] || text !== undefined) {
        out.add("</");
        out.copy(raw, lt + 2, nameEnd);
        out.add(">\n");
      }
      level--;
      p = raw.indexOf(">", nameEnd) + 1;
      continue;
    }
    if (next === 33 /* ! */) {
      if (raw.startsWith("<!--", lt)) {
        p = raw.indexOf("-->", lt + 4) + 3;
        continue;
      }
      // CDATA (nothing else of the kind is allowed inside an element)
      const close = raw.indexOf("]]>", lt + 9);
      const data = raw.slice(lt + 9, close);
      if (data.trim()) addText(data);
      p = close + 3;
      continue;
    }
    if (next === 63 /* ? */) {
      p = raw.indexOf("?>", lt + 2) + 2;
      continue;
    }
    if (level && !parents[level]) {
      // the first child: its parent's start tag ends, with the character data read so far
      const text = texts[level];
      out.add(text === undefined ? ">" : ">" + escapeText(text));
      heads[level] = out.length;
      out.add("\n");
    }
    parents[level] = true;
    out.spaces(2 * (depth + level + 1));
    CANONICAL_START.lastIndex = lt;
    let q = CANONICAL_START.test(raw) ? CANONICAL_START.lastIndex : lt;
    if (!plain || q === lt || !endsName(raw.charCodeAt(q))) {
      // the name alone (one with characters the expression does not know, say)
      q = lt + 1;
      while (!endsName(raw.charCodeAt(q))) q++;
    }
    out.copy(raw, lt, q);
    // the attributes after that, in any layout
    q = writeAttributes(raw, q, out, plain);
    if (raw.charCodeAt(q) === 47) {
      out.add("/>\n");
      p = q + 2;
      continue;
    }
    level++;
    texts[level] = undefined;
    parents[level] = false;
    p = q + 1;
  }
}

/**
 * Write the attributes from `q` on (in any layout) as serializeXml does; returns where the tag's
 * end ("/>" or ">") is. `plain`: no attribute is named __proto__ (the parser's object drops those).
 */
function writeAttributes(raw: string, q: number, out: TextSink, plain: boolean): number {
  for (;;) {
    while (isSpace(raw.charCodeAt(q))) q++;
    const c = raw.charCodeAt(q);
    if (c === 62 /* > */ || c === 47 /* / */) return q;
    const mark = out.length;
    const nameStart = q;
    out.unit(32);
    q = out.copyName(raw, q);
    const dropped = !plain && raw.slice(nameStart, q) === "__proto__";
    q = raw.indexOf("=", q) + 1;
    while (isSpace(raw.charCodeAt(q))) q++;
    const quote = raw.charCodeAt(q);
    const valueStart = q + 1;
    out.unit(61);
    out.unit(34);
    let valueEnd = dropped ? -1 : out.copyPlainValue(raw, valueStart, quote);
    if (valueEnd < 0) {
      valueEnd = raw.indexOf(raw[q], valueStart);
      if (dropped) out.length = mark;
      else out.add(escapeAttr(decodeEntities(raw.slice(valueStart, valueEnd), true, valueStart, unexpected)));
    }
    if (!dropped) out.unit(34);
    q = valueEnd + 1;
  }
}

/**
 * writeChildren for content whose tags are all in pcs's layout already, with nothing but
 * whitespace between them: each tag copied on a line of its own (an element with nothing in it
 * self-closed).
 */
function reindentChildren(raw: string, depth: number, out: TextSink): void {
  const oneByte = !/[^\0-\xff]/.test(raw);
  let level = depth + 1;
  for (let lt = raw.indexOf("<"); lt >= 0; ) {
    const gt = raw.indexOf(">", lt + 2);
    const next = raw.indexOf("<", gt + 1);
    if (raw.charCodeAt(lt + 1) === 47) {
      level--;
      out.line(2 * level, raw, lt, gt + 1, oneByte, false);
    } else if (raw.charCodeAt(gt - 1) === 47) out.line(2 * level, raw, lt, gt + 1, oneByte, false);
    else if (raw.charCodeAt(next + 1) !== 47) {
      out.line(2 * level, raw, lt, gt + 1, oneByte, false);
      level++;
    } else {
      // its end tag comes next
      out.line(2 * level, raw, lt, gt, oneByte, true);
      lt = raw.indexOf("<", raw.indexOf(">", next + 2) + 1);
      continue;
    }
    lt = next;
  }
}

/** Whether [from, to) of `text` holds nothing but the whitespace between tags. */
function isLayoutOnly(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

/** The children of a kept element, rewritten in pcs's layout at `depth`. */
class RewrittenChildren implements RewrittenText {
  constructor(
    private readonly raw: string,
    private readonly depth: number,
    /** Whether only the whitespace between the tags needs rewriting. */
    private readonly tagsOnly: boolean,
  ) {}

  get sizeHint(): number {
    return this.raw.length + (this.raw.length >> 3);
  }

  writeInto(out: TextSink): void {
    if (this.tagsOnly) reindentChildren(this.raw, this.depth, out);
    else writeChildren(this.raw, this.depth, out);
  }

  text(): string {
    const out = new TextSink(this.sizeHint);
    this.writeInto(out);
    return out.toString();
  }
}

/**
 * How a kept element whose content is `raw` is written in pcs's layout at a depth (serializeXml's:
 * the root is 0), from what `skimmed` found in it: undefined when `raw` as read is that layout
 * (`asRead`, at `readDepth`). Its children are the same object each time asked, so that two
 * serializations compare without writing them out.
 */
export function rewriteKept(raw: string, asRead: boolean, readDepth: number, skimmed: Skimmer): (depth: number) => KeptLayout | undefined {
  const { ownText: text, hasChildren, tagsOnly } = skimmed;
  const made: KeptLayout[] = [];
  return (depth) => {
    if (asRead && depth === readDepth) return undefined;
    if (made[depth]) return made[depth];
    // the parser's attribute object drops an attribute named __proto__: writeChildren does too
    const children = hasChildren ? new RewrittenChildren(raw, depth, tagsOnly && !raw.includes("__proto__")) : undefined;
    return (made[depth] = { head: text === undefined ? "" : escapeText(text), hasText: text !== undefined, children });
  };
}
