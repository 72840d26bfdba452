// The element tree every CIB module works on (xml.ts builds and serializes it, xml-lazy.ts keeps the
// untouched source text of big subtrees).
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  parent: XmlElement | null;
  /** Non-whitespace character data, kept for the rare element that has some. */
  text?: string;
}
