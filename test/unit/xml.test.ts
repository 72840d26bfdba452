import { serializeXml, createElement, insertBefore, findAll } from "../../src/cib/xml";
import { parseDocument, parseXml, XmlSyntaxError, type ParseOptions } from "../../src/cib/xml-parse";
import { cibSectionsAsText } from "../../src/cib/document";

describe("xml", () => {
  test("round-trips element and attribute order, self-closes empty elements", () => {
    const text = '<cib b="2" a="1">\n  <configuration>\n    <z/>\n    <y x="&quot;&amp;&lt;"/>\n  </configuration>\n</cib>\n';
    expect(serializeXml(parseXml(text))).toBe(text);
  });

  test("reports malformed XML with line and column", () => {
    expect(() => parseXml("<cib>\n<a>\n</b></cib>")).toThrow(XmlSyntaxError);
    try {
      parseXml("<cib>\n<a>\n</b></cib>");
    } catch (e) {
      expect((e as XmlSyntaxError).line).toBe(3);
      expect((e as Error).message).toMatch(/^line 3, column \d+: /);
    }
  });

  test("rejects unclosed documents and undefined entities", () => {
    expect(() => parseXml("<cib><a/>")).toThrow(/unclosed/);
    expect(() => parseXml("<cib>&bogus;</cib>")).toThrow(/entity/);
  });

  test("edits keep the order asked for", () => {
    const root = parseXml("<r><a/><c/></r>");
    insertBefore(root, createElement("b"), root.children[1]);
    expect(root.children.map((c) => c.name)).toEqual(["a", "b", "c"]);
    expect(findAll(root, (e) => e.name === "b")[0].parent).toBe(root);
  });
});

// the status section alone kept as text (the file env keeps every section: cibSectionsAsText)
const statusAsText: ParseOptions = { keepAsText: (e, depth) => depth === 2 && e.name === "status" && { ids: false } };

describe("parseDocument", () => {
  const canonicalText =
    '<cib a="1">\n  <configuration>\n    <x y="&quot;&amp;"/>\n  </configuration>\n  <status>\n    <node_state id="1">\n      <lrm/>\n    </node_state>\n  </status>\n</cib>\n';

  test("tells whether the text is exactly its own serialization", () => {
    expect(parseDocument(canonicalText).canonical).toBe(true);
    expect(parseDocument(canonicalText, statusAsText).canonical).toBe(true);
    for (const variant of [
      canonicalText.replace('a="1"', "a='1'"),
      canonicalText.replace("<lrm/>", "<lrm></lrm>"),
      canonicalText.replace("\n  <status>", "\n   <status>"),
      canonicalText.trimEnd(),
      '<?xml version="1.0"?>\n' + canonicalText,
      canonicalText.replace("<x ", "<x  "),
      canonicalText.replace("<lrm/>", "<lrm />"),
      canonicalText.replace("\n      <lrm/>", "\n     <lrm/>"),
      canonicalText.replace("\n      <lrm/>", "\n\t<lrm/>"),
      canonicalText.replace('<node_state id="1">', "<node_state id='1'>"),
      canonicalText.replace("<configuration>\n", "<configuration>\n\n"),
      canonicalText.replace('y="&quot;&amp;"', 'y="&#34;&amp;"'),
      canonicalText.replace("<lrm/>", "<lrm><!-- c --></lrm>"),
    ]) {
      const doc = parseDocument(variant);
      expect(doc.canonical).toBe(false);
      expect(serializeXml(doc.root)).toBe(canonicalText);
      expect([variant, parseDocument(variant, { keepAsText: cibSectionsAsText }).canonical]).toEqual([variant, false]);
    }
    expect(parseDocument(canonicalText, { keepAsText: cibSectionsAsText }).canonical).toBe(true);
  });

  test("a lazy status section is written back as read and parsed when looked into", () => {
    const text = canonicalText.replace("<lrm/>", "<lrm   />");
    const { root } = parseDocument(text, statusAsText);
    expect(serializeXml(root)).toBe(text);
    const status = root.children[1];
    expect(status.children[0].name).toBe("node_state");
    expect(status.children[0].parent).toBe(status);
    expect(serializeXml(root)).toBe(canonicalText);
  });

  test("a lazy status section is still checked for well-formedness", () => {
    expect(() => parseDocument(canonicalText.replace("</node_state>", "</node>"), statusAsText)).toThrow(/line 8/);
    expect(() => parseDocument(canonicalText.replace('id="1"', 'id="&x;"'), statusAsText)).toThrow(/entity/);
    expect(() => parseDocument(canonicalText.replace("</status>", ""), statusAsText)).toThrow(XmlSyntaxError);
  });
});
