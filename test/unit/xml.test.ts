import { parseXml, serializeXml, XmlSyntaxError, createElement, insertBefore, findAll } from "../../src/cib/xml";

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
