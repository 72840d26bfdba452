// The well-formedness rules of XML 1.0 that the CIB parser (xml-parse.ts) does not check itself,
// enforced as libxml2 (xmllint, cibadmin: what pcs reads a CIB file with) enforces them: the bytes
// against the declared encoding, characters XML does not allow (also as character references),
// the XML declaration, comments, names outside ASCII, and a bound on nesting (libxml2's, instead
// of a stack overflow further on). A DOCTYPE may name an external DTD, which is never read; one
// with an internal subset is refused, so no entity is ever defined, read or expanded.
// One pass of native searches over the text: a few milliseconds on an 8 MB CIB.
import { isAscii, isUtf8 } from "node:buffer";
import { firstControlCharacter } from "./xml-skim-wasm.js";
import { position, XmlSyntaxError } from "./xml-parse.js";

export class XmlCheckError extends XmlSyntaxError {}

/** The deepest nesting libxml2 reads without XML_PARSE_HUGE (xmllint refuses one level more). */
export const MAX_XML_DEPTH = 257;


const failAt = (text: string, offset: number, reason: string): never => {
  const { line, column } = position(text, offset);
  throw new XmlCheckError(line, column, reason);
};

function failAtByte(bytes: Buffer, offset: number, reason: string): never {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  throw new XmlCheckError(line, offset - lineStart + 1, reason);
}

// ---- encoding ----

type Encoding = { kind: "utf-8" | "latin1" | "utf-16le" | "utf-16be" | "us-ascii" | "other"; label: string; declaredAt: number };

const LATIN1 = /^(iso[-_]?8859[-_]1|iso[-_]latin[-_]1|latin[-_]?1|l1|cp819|ibm819)$/i;
const WIDE = /^(utf-?16(le|be)?|utf-?32(le|be)?|ucs-?2|ucs-?4|iso-10646-ucs-[24])$/i;
const DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)'))?/;

/** The encoding the bytes are in, from the byte order mark or else the XML declaration (UTF-8 without either). */
function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: "utf-16le", label: "UTF-16", declaredAt: -1 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: "utf-16be", label: "UTF-16", declaredAt: -1 };
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) return { kind: "utf-16le", label: "UTF-16LE", declaredAt: -1 };
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) return { kind: "utf-16be", label: "UTF-16BE", declaredAt: -1 };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = bytes.subarray(bom, bom + 512).toString("latin1");
  const m = DECLARATION.exec(head);
  const label = m?.[1] ?? m?.[2];
  if (label === undefined) return { kind: "utf-8", label: "UTF-8", declaredAt: -1 };
  const declaredAt = bom + m![0].length - 1;
  if (/^utf-?8$/i.test(label)) return { kind: "utf-8", label, declaredAt };
  if (/^(us-?ascii|ascii)$/i.test(label)) return { kind: "us-ascii", label, declaredAt };
  if (LATIN1.test(label)) return { kind: "latin1", label, declaredAt };
  return { kind: "other", label, declaredAt };
}

/** The first byte at which the bytes stop being UTF-8 (only looked for when they are not). */
function firstBadUtf8(bytes: Buffer): number {
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at] >= low && bytes[at] <= high;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) i++;
    else if (b >= 0xc2 && b <= 0xdf && continuation(i + 1)) i += 2;
    // no overlong forms, no surrogates (ED A0..BF), nothing past U+10FFFF
    else if (b >= 0xe0 && b <= 0xef && continuation(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && continuation(i + 2)) i += 3;
    else if (b >= 0xf0 && b <= 0xf4 && continuation(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && continuation(i + 2) && continuation(i + 3)) i += 4;
    else return i;
  }
  return bytes.length;
}

/** Throws unless the bytes are in the encoding they declare (or UTF-8); returns it. */
function checkEncoding(bytes: Buffer, ascii = isAscii(bytes)): Encoding {
  const encoding = encodingOf(bytes);
  if (encoding.kind === "utf-8" && !ascii && !isUtf8(bytes)) {
    const at = firstBadUtf8(bytes);
    const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`).join(" ");
    failAtByte(bytes, at, `Input is not proper UTF-8, indicate encoding ! Bytes: ${shown}`);
  }
  if (encoding.kind === "us-ascii" && !ascii) failAtByte(bytes, bytes.findIndex((b) => b >= 0x80), `Document labelled ${encoding.label} but has a byte that is not ASCII`);
  if (encoding.kind === "other") {
    if (WIDE.test(encoding.label)) failAtByte(bytes, encoding.declaredAt, `Document labelled ${encoding.label} but has UTF-8 content`);
    try {
      if (!ascii) new TextDecoder(encoding.label, { fatal: true }).decode(bytes);
      else new TextDecoder(encoding.label);
    } catch (e) {
      const unknown = (e as NodeJS.ErrnoException).code === "ERR_ENCODING_NOT_SUPPORTED";
      failAtByte(bytes, encoding.declaredAt, unknown ? `Unsupported encoding ${encoding.label}` : `Input is not proper ${encoding.label}`);
    }
  }
  return encoding;
}

/**
 * The text of an XML file's bytes, decoded as the byte order mark or the XML declaration says
 * (UTF-8 without either); throws an XmlCheckError when the bytes do not fit the encoding.
 */
export function decodeXmlBytes(bytes: Buffer, ascii = isAscii(bytes)): string {
  const encoding = checkEncoding(bytes, ascii);
  switch (encoding.kind) {
    case "utf-8":
    case "us-ascii":
      // an all-ASCII file (the usual CIB) is decoded as Latin-1, which is the same and faster
      return ascii ? bytes.toString("latin1") : bytes.toString("utf8");
    case "latin1":
      return bytes.toString("latin1");
    case "utf-16le":
    case "utf-16be":
      try {
        return new TextDecoder(encoding.kind, { fatal: true }).decode(bytes);
      } catch {
        return failAtByte(bytes, 0, `Input is not proper ${encoding.label}`);
      }
    default:
      return new TextDecoder(encoding.label).decode(bytes);
  }
}

// ---- characters ----

// characters outside XML 1.0's Char production: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHAR_REFERENCE = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;

/** Where the first character XML 1.0 cannot hold is in a string (a value about to go into the CIB), or -1. */
export function findInvalidXmlChar(value: string): number {
  const bad = INVALID_CHAR.exec(value);
  return bad ? bad.index : -1;
}

const allowedChar = (code: number): boolean =>
  code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/** Whether an offset is inside markup (a tag) rather than character data. */
const insideTag = (text: string, offset: number): boolean => text.lastIndexOf("<", offset) > text.lastIndexOf(">", offset);

/** `clean`: the text is known to hold no character INVALID_CHAR finds (the native scan said so). */
function checkCharacters(text: string, clean = false): void {
  const bad = clean ? null : INVALID_CHAR.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0);
    const at = bad.index;
    if (insideTag(text, at)) {
      const comment = text.startsWith("<!--", text.lastIndexOf("<", at));
      failAt(text, at, comment ? `xmlParseComment: invalid xmlChar value ${code}` : "invalid character in attribute value");
    }
    failAt(text, at, code < 0x20 ? `PCDATA invalid Char value ${code}` : `Char 0x${code.toString(16).toUpperCase()} out of allowed range`);
  }
  if (text.indexOf("&#") < 0) return;
  CHAR_REFERENCE.lastIndex = 0;
  for (let m = CHAR_REFERENCE.exec(text); m; m = CHAR_REFERENCE.exec(text)) {
    const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
    if (!allowedChar(code)) failAt(text, m.index, `xmlParseCharRef: invalid xmlChar value ${Number.isFinite(code) ? code : m[0]}`);
  }
}

// ---- markup ----

// the rest of a start tag from after its '<': names, spaces and quoted values (which may hold '>') up to its '>'
const START_TAG_REST = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;
const DOCTYPE_REST = /[^"'[>]*(?:(?:"[^"]*"|'[^']*')[^"'[>]*)*[[>]/y;
const PI_TARGET = /[^\s?]*/y;
const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
// XML 1.0 (fifth edition) names: what the parser's ASCII rules do not cover
const NAME_START_CHAR = "A-Z_a-z:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const NAME = `[${NAME_START_CHAR}][${NAME_START_CHAR}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`;
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, not one combined character
const START_TAG_NAMES = new RegExp(`^<${NAME}(?:[ \\t\\r\\n]+${NAME}[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"[^"]*"|'[^']*'))*[ \\t\\r\\n]*/?>$`, "u");
const NON_ASCII = /[\u0080-\uFFFF]/;
const NON_ASCII_FROM = /[\u0080-\uFFFF]/g;

function checkXmlDeclaration(text: string, at: number): void {
  const m = XML_DECLARATION.exec(text.slice(at, text.indexOf("?>", at) + 2));
  if (m) return;
  const declaration = text.slice(at, text.indexOf("?>", at) + 2);
  const version = /version[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']/.exec(declaration);
  if (!version) failAt(text, at + 6, "Malformed declaration expecting version");
  if (!/^1\.[0-9]+$/.test(version![1])) failAt(text, at + 6, `Unsupported version '${version![1]}'`);
  if (/standalone/.test(declaration) && !/standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\1/.test(declaration)) failAt(text, at + 6, "standalone accepts only 'yes' or 'no'");
  failAt(text, at + 6, "Malformed XML declaration");
}

/** After a comment, CDATA section, DOCTYPE or processing instruction at `lt`: where the scan goes on (-1: the parser reports it). */
function skipSpecial(text: string, lt: number, start: number): number {
  if (text.charCodeAt(lt + 1) === 63 /* ? */) {
    PI_TARGET.lastIndex = lt + 2;
    const target = PI_TARGET.exec(text)![0];
    if (target.toLowerCase() === "xml") {
      if (lt !== start) failAt(text, lt + 2, "XML declaration allowed only at the start of the document");
      if (target !== "xml") failAt(text, lt + 2, "Invalid PI name");
      checkXmlDeclaration(text, lt);
    }
    const close = text.indexOf("?>", lt + 2);
    return close < 0 ? -1 : close + 2;
  }
  if (text.startsWith("<!--", lt)) {
    const close = text.indexOf("-->", lt + 4);
    if (close < 0) return -1;
    const dashes = text.indexOf("--", lt + 4);
    // "--" inside, or a '-' right before the closing "-->" (not the opener's own, in "<!---->")
    if (dashes < close || (close > lt + 4 && text.charCodeAt(close - 1) === 45)) failAt(text, dashes < close ? dashes : close - 1, "Double hyphen within comment");
    return close + 3;
  }
  if (text.startsWith("<![CDATA[", lt)) {
    const close = text.indexOf("]]>", lt + 9);
    return close < 0 ? -1 : close + 3;
  }
  if (text.startsWith("<!DOCTYPE", lt)) {
    DOCTYPE_REST.lastIndex = lt + 9;
    if (!DOCTYPE_REST.test(text)) return -1;
    if (text.charCodeAt(DOCTYPE_REST.lastIndex - 1) === 91 /* [ */) failAt(text, lt, "a DOCTYPE with an internal subset (entity declarations) is not supported");
    return DOCTYPE_REST.lastIndex;
  }
  return lt + 2;
}

function checkNames(text: string, lt: number): void {
  START_TAG_REST.lastIndex = lt + 1;
  const tag = START_TAG_REST.test(text) ? text.slice(lt, START_TAG_REST.lastIndex) : "";
  if (!START_TAG_NAMES.test(tag)) failAt(text, lt, "a name in this tag has a character XML does not allow in names");
}

const tooDeep = (text: string, lt: number): never => failAt(text, lt, `Excessive depth in document: more than ${MAX_XML_DEPTH} nested elements`);

/**
 * Comments, processing instructions, the DOCTYPE, non-ASCII names and the nesting depth. Depth is
 * counted fast, taking a start tag's first '>' for its end: a '/>' there ends an empty element for
 * sure when no other '>' comes before the next '<' (attribute values hold no '<'); else the tag
 * counts as open. When that over-counts past the bound, the tags are read exactly to tell.
 */
function checkMarkup(text: string, nonAscii: boolean): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;
  let gt = -1;
  let nextNonAscii = nonAscii ? -1 : text.length;
  for (let lt = text.indexOf("<", start); lt >= 0; ) {
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      depth--;
      lt = text.indexOf("<", lt + 2);
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const after = skipSpecial(text, lt, start);
      if (after < 0) return;
      lt = text.indexOf("<", after);
      continue;
    }
    if (gt < lt) gt = text.indexOf(">", lt + 1);
    if (gt < 0) return; // an unclosed tag: the parser reports it
    const end = gt + 1;
    const nextLt = text.indexOf("<", end);
    let empty = false;
    if (text.charCodeAt(gt - 1) === 47 /* / */) {
      gt = text.indexOf(">", end);
      empty = gt < 0 || (nextLt >= 0 && gt > nextLt);
    }
    if (!empty && ++depth > MAX_XML_DEPTH) return checkMarkupExactly(text, nonAscii);
    if (nextNonAscii < end) {
      if (nextNonAscii < lt) {
        NON_ASCII_FROM.lastIndex = lt;
        nextNonAscii = NON_ASCII_FROM.test(text) ? NON_ASCII_FROM.lastIndex - 1 : text.length;
      }
      if (nextNonAscii < end) checkNames(text, lt);
    }
    lt = nextLt;
  }
}

/** checkMarkup reading each start tag to its end past quoted values: slower, exact. */
function checkMarkupExactly(text: string, nonAscii: boolean): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;
  for (let lt = text.indexOf("<", start); lt >= 0; ) {
    const next = text.charCodeAt(lt + 1);
    let after: number;
    if (next === 47 /* / */) {
      depth--;
      after = lt + 2;
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      after = skipSpecial(text, lt, start);
      if (after < 0) return;
    } else {
      START_TAG_REST.lastIndex = lt + 1;
      if (!START_TAG_REST.test(text)) return;
      after = START_TAG_REST.lastIndex;
      if (text.charCodeAt(after - 2) !== 47 && ++depth > MAX_XML_DEPTH) tooDeep(text, lt);
      if (nonAscii && NON_ASCII.test(text.slice(lt, after))) checkNames(text, lt);
    }
    lt = text.indexOf("<", after);
  }
}

/**
 * Throws an XmlCheckError (line and column, libxml2's wording where it has one) when the text breaks
 * a rule of XML 1.0 that xmllint and pcs enforce and the parser does not. With the file's bytes, they
 * are checked against the declared encoding too, and the text against the bytes decoded as declared.
 */
export function checkXmlText(text: string, bytes?: Buffer): void {
  let nonAscii = true;
  if (bytes) {
    const encoding = checkEncoding(bytes);
    nonAscii = !isAscii(bytes);
    if (nonAscii && encoding.kind !== "utf-8" && encoding.kind !== "us-ascii" && decodeXmlBytes(bytes) !== text)
      failAt(text, 0, `the file is in ${encoding.label} and was read as UTF-8`);
  }
  checkCharacters(text);
  checkMarkup(text, nonAscii && NON_ASCII.test(text));
}

/**
 * An XML file's text, decoded as it declares (decodeXmlBytes) and checked (checkXmlText); `ascii`:
 * the file is all ASCII, each byte one unit of the text.
 */
export function readXmlDocument(bytes: Buffer): { text: string; ascii: boolean } {
  const ascii = isAscii(bytes);
  const text = decodeXmlBytes(bytes, ascii);
  checkCharacters(text, ascii && firstControlCharacter(bytes) === -1);
  checkMarkup(text, !ascii && NON_ASCII.test(text));
  return { text, ascii };
}

/** readXmlDocument's text. */
export function readXmlText(bytes: Buffer): string {
  return readXmlDocument(bytes).text;
}
