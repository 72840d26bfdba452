// AssemblyScript, compiled to WebAssembly by scripts/build.mjs.
// The skimmer of src/cib/xml-skim.ts (its fast path, the same checks in the same order) over the
// bytes of an all-ASCII document: a kept section's markup is checked at native speed instead of
// in cold JavaScript. It either reaches the section's end tag with everything checked (success:
// the caller takes the flags and ids) or gives up, and the JavaScript skimmer reads the section
// as before; it never decides anything the JavaScript skimmer would not.

const MAX_DEPTH: i32 = 1024;
// as the JavaScript skimmer: a tag with more attributes than this goes to the detailed path
const MAX_NAMES: i32 = 64;
const PADDING: i32 = 16;

// what each byte is: 1 name start, 2 name character, 4 whitespace, 8 ends a canonical value
// (" < > & tab newline carriage return), 16 ends a value in another layout (< &, besides its quote);
// NUL (the padding after the document; XML text never holds one) ends everything
const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;
const SPACE: u8 = 4;
const ENDS_VALUE: u8 = 8;
const ENDS_LOOSE_VALUE: u8 = 16;
const classes = memory.data(256);
let classesReady = false;

function fillClasses(): void {
  for (let c = 0; c < 256; c++) {
    let k: u8 = 0;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 58) k |= NAME_START | NAME_CHAR;
    if ((c >= 48 && c <= 57) || c == 45 || c == 46) k |= NAME_CHAR;
    if (c == 32 || c == 10 || c == 9 || c == 13) k |= SPACE;
    if (c == 0 || c == 34 || c == 60 || c == 62 || c == 38 || c == 9 || c == 10 || c == 13) k |= ENDS_VALUE;
    if (c == 0 || c == 60 || c == 38) k |= ENDS_LOOSE_VALUE;
    store<u8>(classes + <usize>c, k);
  }
  classesReady = true;
}

let inputAt: usize = 0;
// open elements' names: (start, length) pairs
let stackAt: usize = 0;
// the current tag's attribute names: (start, length) pairs
let namesAt: usize = 0;
// ids found: (name start, value start, value end) triples
let idsAt: usize = 0;
let end: i32 = 0;
// after the ids: where a section is rewritten (reindent)
let outAt: usize = 0;

let open: i32 = 0;
let names: i32 = 0;
let ids: i32 = 0;
let canonicalSoFar = true;
let tagsOnlySoFar = true;
let childrenSeen = false;
let lastOpened = true;
let tagCount: i32 = 0;
let deepest: i32 = 0;
// the current tag's id value
let idStart: i32 = -1;
let idEnd: i32 = -1;

/** Room for a document of `length` bytes; returns where its bytes go. */
export function reserve(length: i32): usize {
  const base = (__heap_base + 15) & ~(<usize>15);
  inputAt = base;
  stackAt = (inputAt + <usize>length + <usize>PADDING + 15) & ~(<usize>15);
  namesAt = stackAt + <usize>(8 * MAX_DEPTH);
  idsAt = namesAt + <usize>(8 * MAX_NAMES);
  // an id needs a tag of at least `<a id="">`: at most one for every 9 bytes
  const top = idsAt + <usize>(12 * (length / 9 + 2));
  outAt = (top + 15) & ~(<usize>15);
  if (!classesReady) fillClasses();
  return grow(top) ? inputAt : 0;
}

function grow(top: usize): bool {
  const pages = <i32>((top + 0xffff) >> 16);
  const have = memory.size();
  return pages <= have || memory.grow(pages - have) >= 0;
}

/** Room for `size` bytes of rewritten text; returns where they go (0: no room). */
export function reserveOutput(size: i32): usize {
  return grow(outAt + <usize>size) ? outAt : 0;
}

// the byte at p; the padding after the document reads as 0
@inline function at(p: i32): i32 {
  return <i32>load<u8>(inputAt + <usize>p);
}

@inline function is(p: i32, kind: u8): bool {
  return (load<u8>(classes + <usize>load<u8>(inputAt + <usize>p)) & kind) != 0;
}

function sameBytes(a: i32, b: i32, length: i32): bool {
  for (let k = 0; k < length; k++) if (load<u8>(inputAt + <usize>(a + k)) != load<u8>(inputAt + <usize>(b + k))) return false;
  return true;
}

/** Notes the attribute name [start, start + length); false when the tag names it twice or has too many names. */
function noteName(start: i32, length: i32): bool {
  for (let k = 0; k < names; k++) {
    const at = namesAt + <usize>(8 * k);
    if (load<i32>(at, 4) == length && sameBytes(load<i32>(at), start, length)) return false;
  }
  if (names == MAX_NAMES) return false;
  const slot = namesAt + <usize>(8 * names);
  store<i32>(slot, start);
  store<i32>(slot, length, 4);
  names++;
  if (length == 2 && at(start) == 105 && at(start + 1) == 100) idStart = -2; // "id": its value comes next
  return true;
}

/** Where the canonical value starting at `from` ends: its first byte that ENDS_VALUE, 16 at a time. */
function valueEnd(from: i32): i32 {
  let v = from;
  while (true) {
    const chunk = v128.load(inputAt + <usize>v);
    // below 14: NUL, tab, newline, carriage return (and control characters, refused before parsing)
    const stops = v128.or(
      v128.or(i8x16.lt_u(chunk, i8x16.splat(14)), i8x16.eq(chunk, i8x16.splat(34))),
      v128.or(v128.or(i8x16.eq(chunk, i8x16.splat(38)), i8x16.eq(chunk, i8x16.splat(60))), i8x16.eq(chunk, i8x16.splat(62))),
    );
    const mask = i8x16.bitmask(stops);
    if (mask) return v + <i32>ctz(mask);
    v += 16;
  }
  return v;
}

/**
 * A start tag in the canonical layout (`<name` then ` name="value"` with nothing to decode, `/>` or
 * `>`) at `lt`: where it ends; -1 when it is not one, -2 to give up.
 */
function simpleTag(lt: i32): i32 {
  let q = lt + 1;
  if (!is(q, NAME_START)) return -1;
  q++;
  while (is(q, NAME_CHAR)) q++;
  for (;;) {
    if (at(q) != 32 || !is(q + 1, NAME_START)) break;
    const start = q + 1;
    let r = start + 1;
    while (is(r, NAME_CHAR)) r++;
    if (at(r) != 61 || at(r + 1) != 34) return -1;
    const v = valueEnd(r + 2);
    if (at(v) != 34) return -1;
    if (!noteName(start, r - start)) return -2;
    if (idStart == -2) {
      idStart = r + 2;
      idEnd = v;
    }
    q = v + 1;
  }
  if (at(q) == 47) q++;
  return at(q) == 62 ? q + 1 : -1;
}

/** A start tag in another layout whose values need no decoding (any whitespace, either quote); as simpleTag. */
function looseTag(lt: i32): i32 {
  let q = lt + 1;
  if (!is(q, NAME_START)) return -1;
  q++;
  while (is(q, NAME_CHAR)) q++;
  for (;;) {
    let r = q;
    while (is(r, SPACE)) r++;
    if (r == q || !is(r, NAME_START)) {
      q = r;
      break;
    }
    const start = r;
    r++;
    while (is(r, NAME_CHAR)) r++;
    const nameEnd = r;
    while (is(r, SPACE)) r++;
    if (at(r) != 61) return -1;
    r++;
    while (is(r, SPACE)) r++;
    const quote = at(r);
    if (quote != 34 && quote != 39) return -1;
    let v = r + 1;
    while (at(v) != quote && !is(v, ENDS_LOOSE_VALUE)) v++;
    if (at(v) != quote) return -1;
    if (!noteName(start, nameEnd - start)) return -2;
    if (idStart == -2) {
      for (let k = r + 1; k < v; k++) {
        const c = at(k);
        if (c == 9 || c == 10 || c == 13) return -2;
      }
      idStart = r + 1;
      idEnd = v;
    }
    q = v + 1;
  }
  if (at(q) == 47) q++;
  return at(q) == 62 ? q + 1 : -1;
}

/**
 * Skims the section content starting at `from` of a document of `length` bytes, whose element is
 * `base` deep (the root is 1). Returns where the whitespace before the section's end tag starts,
 * or -1 to give up.
 */
export function skim(length: i32, from: i32, base: i32): i32 {
  end = length;
  open = 0;
  ids = 0;
  canonicalSoFar = true;
  tagsOnlySoFar = true;
  childrenSeen = false;
  lastOpened = true;
  tagCount = 0;
  deepest = 0;
  // the padding: a scan running past the end stops there
  memory.fill(inputAt + <usize>length, 0, PADDING);
  let p = from;
  while (true) {
    // the whitespace before the next tag (anything else: text, for the detailed path)
    let lt = p;
    while (is(lt, SPACE)) lt++;
    if (lt >= end || at(lt) != 60) return -1;
    const closing = at(lt + 1) == 47;
    tagCount++;
    // whether that whitespace is the canonical indentation: a newline, two spaces a level
    let canonical = at(p) == 10 && lt - p == 1 + 2 * (base + open - (closing ? 1 : 0));
    for (let k = p + 1; canonical && k < lt; k++) if (at(k) != 32) canonical = false;
    if (!canonical) canonicalSoFar = false;
    if (closing) {
      if (!open) return p;
      const slot = stackAt + <usize>(8 * (open - 1));
      const length = load<i32>(slot, 4);
      if (!sameBytes(lt + 2, load<i32>(slot), length) || at(lt + 2 + length) != 62) return -1;
      if (lastOpened) canonicalSoFar = false;
      lastOpened = false;
      open--;
      p = lt + 3 + length;
      continue;
    }
    names = 0;
    idStart = -1;
    let tagEnd = simpleTag(lt);
    if (tagEnd == -2) return -1;
    if (tagEnd == -1) {
      names = 0;
      idStart = -1;
      tagEnd = looseTag(lt);
      if (tagEnd < 0) return -1;
      canonicalSoFar = false;
      tagsOnlySoFar = false;
    }
    if (idStart >= 0) {
      const slot = idsAt + <usize>(12 * ids);
      store<i32>(slot, lt + 1);
      store<i32>(slot, idStart, 4);
      store<i32>(slot, idEnd, 8);
      ids++;
    }
    let nameEnd = lt + 2;
    while (is(nameEnd, NAME_CHAR)) nameEnd++;
    const empty = at(tagEnd - 2) == 47;
    if (!open) childrenSeen = true;
    if (!empty) {
      if (open == MAX_DEPTH) return -1;
      const slot = stackAt + <usize>(8 * open);
      store<i32>(slot, lt + 1);
      store<i32>(slot, nameEnd - lt - 1, 4);
      open++;
      if (open > deepest) deepest = open;
    }
    lastOpened = !empty;
    p = tagEnd;
  }
  return -1;
}

/** The first `c` in [from, to), 16 bytes at a time (the padding makes reading past the end safe); -1 when none. */
function find(c: i32, from: i32, to: i32): i32 {
  const wanted = i8x16.splat(<i8>c);
  for (let p = from; p < to; p += 16) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(inputAt + <usize>p), wanted));
    if (mask) {
      const found = p + <i32>ctz(mask);
      return found < to ? found : -1;
    }
  }
  return -1;
}

/**
 * Writes at reserveOutput's place the content [from, to) of a section the skimmer took (tags in
 * the canonical layout, whitespace between them) in pcs's layout, its children `level` deep:
 * each tag on a line of its own, two spaces a level, an element with nothing in it self-closed.
 * Returns the length written (the JavaScript reindentChildren of xml-rewrite.ts, over bytes).
 */
export function reindent(from: i32, to: i32, level: i32): i32 {
  let o = outAt;
  for (let lt = find(60, from, to); lt >= 0; ) {
    const gt = find(62, lt + 2, to);
    const next = find(60, gt + 1, to);
    const closing = at(lt + 1) == 47;
    if (closing) level--;
    // a start tag whose end tag comes next: written self-closed
    const selfClose = !closing && at(gt - 1) != 47 && next >= 0 && at(next + 1) == 47;
    const tagEnd = selfClose ? gt : gt + 1;
    memory.fill(o, 32, <usize>(2 * level));
    o += <usize>(2 * level);
    memory.copy(o, inputAt + <usize>lt, <usize>(tagEnd - lt));
    o += <usize>(tagEnd - lt);
    if (selfClose) {
      store<u8>(o, 47);
      store<u8>(o + 1, 62);
      o += 2;
    }
    store<u8>(o, 10);
    o++;
    if (!closing && !selfClose && at(gt - 1) != 47) level++;
    lt = selfClose ? find(60, find(62, next + 2, to) + 1, to) : next;
  }
  return <i32>(o - outAt);
}

/**
 * Where the first byte of the document that XML 1.0 does not allow is (a control character other
 * than tab, newline and carriage return: an all-ASCII document can hold no other), or -1.
 */
export function firstControl(length: i32): i32 {
  const space = i8x16.splat(32);
  for (let p = 0; p < length; p += 16) {
    const chunk = v128.load(inputAt + <usize>p);
    const allowed = v128.or(v128.or(i8x16.eq(chunk, i8x16.splat(9)), i8x16.eq(chunk, i8x16.splat(10))), i8x16.eq(chunk, i8x16.splat(13)));
    const mask = i8x16.bitmask(v128.andnot(i8x16.lt_u(chunk, space), allowed));
    if (mask) {
      const found = p + <i32>ctz(mask);
      return found < length ? found : -1;
    }
  }
  return -1;
}

/** What the last skim found: bits 1 canonical layout, 2 tags only, 4 has children, 8 ended on a start tag (or none). */
export function flags(): i32 {
  return (canonicalSoFar ? 1 : 0) | (tagsOnlySoFar ? 2 : 0) | (childrenSeen ? 4 : 0) | (lastOpened ? 8 : 0);
}

/** How many tags the last skimmed section holds, how deep they go below it, how many ids it has. */
export function tags(): i32 {
  return tagCount;
}

export function maxDepth(): i32 {
  return deepest;
}

export function idCount(): i32 {
  return ids;
}

/** Where the ids' (name start, value start, value end) triples are. */
export function idsPointer(): usize {
  return idsAt;
}
