// Writing a section kept as text (see xml-lazy.ts) and checked by the skimmer (xml-skim.ts) in
// pcs's layout, whatever the layout it was read in: one element a line, two spaces a level,
// attributes escaped as serializeXml escapes them. One pass over the text, no element objects.
import { decodeEntities, escapeAttr, escapeText } from "./xml.js";
import { TextSink, type KeptLayout, type RewrittenText } from "./xml-lazy.js";

/** What the skimmer found in a kept element's content (a Skimmer after it read the content). */
export interface SkimmedContent {
  /** the element's own character data (decoded) */
  readonly ownText: string | undefined;
  readonly hasChildren: boolean;
  /** whether all in it are tags in pcs's layout, apart from the whitespace between them */
  readonly tagsOnly: boolean;
  /** reindentChildren done natively, when the native skimmer read the content (false: it cannot now) */
  readonly reindent?: (depth: number, out: TextSink) => boolean;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

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
    private readonly native: SkimmedContent["reindent"],
  ) {}

  get sizeHint(): number {
    return this.raw.length + (this.raw.length >> 3);
  }

  writeInto(out: TextSink): void {
    if (!this.tagsOnly) writeChildren(this.raw, this.depth, out);
    else if (!this.native?.(this.depth, out)) reindentChildren(this.raw, this.depth, out);
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
export function rewriteKept(raw: string, asRead: boolean, readDepth: number, skimmed: SkimmedContent): (depth: number) => KeptLayout | undefined {
  const { ownText: text, hasChildren, tagsOnly, reindent } = skimmed;
  const made: KeptLayout[] = [];
  return (depth) => {
    if (asRead && depth === readDepth) return undefined;
    if (made[depth]) return made[depth];
    // the parser's attribute object drops an attribute named __proto__: writeChildren does too
    const children = hasChildren ? new RewrittenChildren(raw, depth, tagsOnly && !raw.includes("__proto__"), reindent) : undefined;
    return (made[depth] = { head: text === undefined ? "" : escapeText(text), hasText: text !== undefined, children });
  };
}
