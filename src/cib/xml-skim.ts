// Checking a section kept as text (see xml-lazy.ts) without building anything. The markup pcs and
// Pacemaker write (start tags in the canonical layout: one space before each attribute, double
// quotes, nothing to unescape; a newline and two spaces a level between tags; end tags) is skimmed
// with regular expression tests and character comparisons, and so are start tags in other layouts
// whose values need no decoding. Anything else (text, comments, entities, broken markup) is left to
// the parser's detailed path, which reports errors.
// A section found in another layout than pcs's is rewritten into it as it is written out, also
// without building anything: see xml-rewrite.ts.
import type { TextIds } from "./xml-lazy.js";
import type { SkimResult } from "./xml-skim-wasm.js";


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
  /** The native skimmer's rewriting of the section, when it read it (see xml-skim-wasm.ts). */
  reindent: SkimResult["reindent"] | undefined;

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

  /** Takes what the native skimmer found reading the whole section (see xml-skim-wasm.ts); returns where it stopped. */
  adopt(found: SkimResult): number {
    this.canonical = found.canonical;
    this.tagsOnly = found.tagsOnly;
    this.hasChildren = found.hasChildren;
    this.justOpened = found.justOpened;
    this.reindent = found.reindent;
    const ids = found.ids;
    if (this.ids) for (let k = 0; k < ids.length; k += 3) this.record(ids[k], this.text.slice(ids[k + 1], ids[k + 2]));
    return found.end;
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
