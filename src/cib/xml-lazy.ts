// Elements kept as text: a big CIB's sections are checked for well-formedness while reading, but
// only parsed into elements when something looks at their children. A command that appends to
// such a section (resource create, constraint add) leaves the old content as text; one that never
// looks into a section (property set) writes it back exactly as it was read. The ids inside are
// recorded while checking, so id lookups do not need the elements.
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

interface TextContent {
  raw: string;
  ids: TextIds | undefined;
  /** Children appended while the old ones were still text. */
  appended: XmlElement[];
  children?: XmlElement[];
}

const textContent = new WeakMap<XmlElement, TextContent>();

/**
 * Keep `element`'s content as the text `raw` (what lies between its tags); `parse` turns it into
 * children (and the element's own character data) on first access to `element.children`.
 */
export function keepAsText(element: XmlElement, raw: string, ids: TextIds | undefined, parse: (raw: string) => XmlElement[]): void {
  const content: TextContent = { raw, ids, appended: [] };
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
