// Checking a section kept as text (see xml-lazy.ts) without building anything. The markup pcs and
// Pacemaker write (start tags in the canonical layout: one space before each attribute, double
// quotes, nothing to unescape; a newline and two spaces a level between tags; end tags) is skimmed
// with regular expression tests and character comparisons. Anything else (text, comments, other
// layouts, broken markup) is left to the parser's detailed path, which reports errors.
import type { TextIds } from "./xml-lazy.js";

const SIMPLE_TAG = /<[A-Za-z_:][-\w.:]*(?: [A-Za-z_:][-\w.:]*="[^"<>&\t\n\r]*")*\/?>/y;
const ID_ATTR = / id="/g;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

export class Skimmer {
  /** The open elements' names, as (start, length) pairs into the text. */
  private readonly open: number[] = [];
  /** The last token was a start tag (an element closed right after it should have been written empty). */
  private justOpened = true;
  // where the value of the next id attribute starts, searched forward once instead of per tag
  private idValueAt = -1;
  // attribute names seen in the current tag: a cheap hash, start and end in the text
  private readonly seen = new Int32Array(3 * 64);
  /** Whether everything skimmed so far is in the canonical layout. */
  canonical = true;

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
      if (!SIMPLE_TAG.test(text)) return lt;
      const tagEnd = SIMPLE_TAG.lastIndex;
      let nameEnd = lt + 2;
      for (let c = text.charCodeAt(nameEnd); c !== 32 && c !== 47 && c !== 62; c = text.charCodeAt(++nameEnd));
      if (this.repeatsAttribute(nameEnd)) return lt;
      if (this.ids) {
        const id = this.idIn(nameEnd, tagEnd);
        if (id !== undefined) this.record(lt + 1, id);
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
    // names are told apart by length, first and last character; only equal ones are compared
    const text = this.text;
    const seen = this.seen;
    let count = 0;
    let bloom = 0;
    for (let p = from + 1; text.charCodeAt(p - 1) === 32; ) {
      const equals = text.indexOf("=", p);
      const hash = ((equals - p) << 16) ^ (text.charCodeAt(p) << 8) ^ text.charCodeAt(equals - 1);
      const bit = 1 << ((hash ^ (hash >>> 16)) & 31);
      if (bloom & bit) {
        for (let k = 0; k < count; k++) {
          if (seen[3 * k] === hash && text.slice(seen[3 * k + 1], seen[3 * k + 2]) === text.slice(p, equals)) return true;
        }
      }
      if (count === 64) return true; // unusual: let the detailed path look
      bloom |= bit;
      seen[3 * count] = hash;
      seen[3 * count + 1] = p;
      seen[3 * count + 2] = equals;
      count++;
      p = text.indexOf('"', equals + 2) + 2;
    }
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
