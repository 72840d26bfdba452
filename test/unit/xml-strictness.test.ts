// Our CIB parser (src/cib/xml.ts) is hand-written for speed (docs/decisions.md); saxes, a strict
// conformant XML parser, is the oracle: both must accept and reject the same documents.
import { SaxesParser } from "saxes";
import { serializeXml, type XmlElement } from "../../src/cib/xml";
import { parseDocument, type ParseOptions } from "../../src/cib/xml-parse";
import { cibSectionsAsText } from "../../src/cib/document";

const documents = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<cib a="1"><x/></cib>',
  "<!-- c --><cib><!-- in --><x/></cib>",
  '<cib><x a="&#10;&#x41;&amp;&apos;&quot;&lt;&gt;"/></cib>',
  "<cib><x a='single'/></cib>",
  "<cib><![CDATA[ <raw> ]]></cib>",
  '<cib><x a="1" a="2"/></cib>',
  '<cib><x a="<"/></cib>',
  "<cib><x a=1/></cib>",
  "<cib><x/></cib><y/>",
  "<cib><x></X></cib>",
  "<cib>text & more</cib>",
  '<cib><x a="1"b="2"/></cib>',
  "<cib><1x/></cib>",
  '<cib>\n<status><node_state id="1"><lrm></node_state></status></cib>',
  '<cib><configuration/><status><a b="&bogus;"/></status></cib>',
  '<cib><configuration/><status><a b="ok"/></status></cib>',
  "<!DOCTYPE cib><cib/>",
  "  <cib/>  ",
  '<cib><x a="é ü 中"/></cib>',
  '<cib><configuration><resources><p id="a"><q/></p></resources></configuration></cib>',
  '<cib><configuration><resources><p id="a"><q></p></q></resources></configuration></cib>',
  '<cib><configuration><resources><p id="a"></resources></configuration></cib>',
  '<cib><configuration><resources>\n  <p id="a&amp;b" v=\'it"s\'/><!-- c --> <![CDATA[x]]></resources></configuration></cib>',
  '<cib><configuration><resources><p id="&nope;"/></resources></configuration></cib>',
  '<cib><configuration><constraints><c id="a" id="b"/></constraints></configuration></cib>',
  '<cib><configuration><constraints><c id="a" x=1/></constraints></configuration></cib>',
  '<cib><configuration><constraints>text & more</constraints></configuration></cib>',
  '<cib><configuration><constraints><c\tid = "t"\n/></constraints></configuration></cib>',
  '<cib><configuration><constraints><c id="a"></constraints></configuration></cib>',
  '<cib><configuration><constraints></c></constraints></configuration></cib>',
  "",
];

const visitAll = (e: XmlElement): number => e.children.reduce((n, c) => n + visitAll(c), 1);

test.each(documents)("accepts and rejects like a conformant parser: %j", (xml) => {
  let oracleRejects = false;
  try {
    new SaxesParser().write(xml).close();
  } catch {
    oracleRejects = true;
  }
  const modes: Record<string, ParseOptions> = { full: {}, statusAsText: { keepAsText: (e, depth) => depth === 2 && e.name === "status" && { ids: false } }, cibSections: { keepAsText: cibSectionsAsText } };
  for (const [mode, options] of Object.entries(modes)) {
    // sections kept as text are checked while reading: a bad one is rejected before anything reads it
    let rejects = false;
    try {
      parseDocument(xml, options);
    } catch {
      rejects = true;
    }
    expect({ mode, rejects }).toEqual({ mode, rejects: oracleRejects });
    if (rejects) continue;
    const { root } = parseDocument(xml, options);
    visitAll(root);
    expect(serializeXml(root)).toBe(serializeXml(parseDocument(xml).root));
  }
});
