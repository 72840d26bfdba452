// The forms in which pcs-parity compares CIBs and outputs, reproduced exactly: its canonical CIB lines
// (ElementTree's view: comments and processing instructions dropped, their neighbouring text joined;
// whitespace-only text ignored; attributes sorted; volatile root attributes left out) and its
// normalized output lines (Python's splitlines, \s+ collapsed, strip).
import { SaxesParser } from "saxes";

const IGNORED_ROOT_ATTRS = new Set(["cib-last-written", "update-origin", "update-client", "update-user", "crm_feature_set"]);

// Python's str.isspace() characters (what str.strip() removes and what re's \s matches in str patterns).
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "g");
// str.splitlines() boundaries
const PY_BREAKS = "\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029";
const PY_LINE_BREAK = new RegExp(`\\r\\n|[${PY_BREAKS}]`);

export const pyStrip = (text: string): string => text.replace(PY_STRIP, "");

/** Python's str.splitlines(): no empty last line for a trailing break. */
export function pySplitLines(text: string): string[] {
  const lines = text.split(PY_LINE_BREAK);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** pcs-parity's normalize_output. */
export function normalizeOutput(text: string): string[] {
  const lines = pySplitLines(text).map((l) => pyStrip(l.replace(PY_SPACE_RUN, " ")));
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines;
}

interface Element {
  name: string;
  attrs: Map<string, string>;
  text: string;
  children: { element: Element; tail: string }[];
}

/** The XML as ElementTree builds it (names as {uri}local, xmlns attributes dropped); throws when malformed. */
function parseTree(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: Element[] = [];
  let root: Element | undefined;
  // where character data goes: the open element's text, or the tail of its last child
  const appendText = (data: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    const last = top.children[top.children.length - 1];
    if (last) last.tail += data;
    else top.text += data;
  };
  parser.on("opentag", (tag) => {
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === "xmlns" || a.name === "xmlns") continue;
      attrs.set(a.uri ? `{${a.uri}}${a.local}` : a.local, a.value);
    }
    const element: Element = { name: tag.uri ? `{${tag.uri}}${tag.local}` : tag.local!, attrs, text: "", children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ element, tail: "" });
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", appendText);
  parser.on("cdata", appendText);
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** pcs-parity's canonical_lines: equal lists mean equal CIBs for the suite. */
export function canonicalLines(xml: string): string[] {
  const out: string[] = [];
  const walk = (el: Element, depth: number) => {
    const attrs = [...el.attrs].filter(([k]) => depth > 0 || !IGNORED_ROOT_ATTRS.has(k));
    // Python sorts by code point; JS sorts strings by UTF-16 units: the same for the BMP names of a CIB
    attrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const attrText = attrs.map(([k, v]) => `${k}="${v}"`).join(" ");
    const indent = "  ".repeat(depth);
    let line = `${indent}<${el.name}${attrText ? ` ${attrText}` : ""}>`;
    const text = pyStrip(el.text);
    if (text) line += ` text=${JSON.stringify(text)}`;
    out.push(line);
    for (const { element, tail } of el.children) {
      walk(element, depth + 1);
      const t = pyStrip(tail);
      if (t) out.push(`${indent}  tail=${JSON.stringify(t)}`);
    }
  };
  walk(parseTree(xml), 0);
  return out;
}
