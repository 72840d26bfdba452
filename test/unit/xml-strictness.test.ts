// Our CIB parser (src/cib/xml.ts) is hand-written for speed (docs/decisions.md); saxes, a strict
// conformant XML parser, is the oracle: both must accept and reject the same documents.
import { SaxesParser } from "saxes";
import { parseDocument, serializeXml, type XmlElement } from "../../src/cib/xml";

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
  for (const lazyStatus of [false, true]) {
    let rejects = false;
    try {
      const { root } = parseDocument(xml, { lazyStatus });
      visitAll(root);
      serializeXml(root);
    } catch {
      rejects = true;
    }
    expect({ lazyStatus, rejects }).toEqual({ lazyStatus, rejects: oracleRejects });
  }
});
