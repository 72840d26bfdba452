// Sections kept as text (src/cib/xml-lazy.ts) must behave exactly like parsed ones: same ids,
// same lookups, same serialization after an append, whatever the attribute layout.
import { cibSectionsAsText, findById } from "../../src/cib/document";
import { IdIndex } from "../../src/cib/ids";
import { createElement, firstChild, serializeXml, type XmlElement } from "../../src/cib/xml";
import { untouchedText } from "../../src/cib/xml-lazy";
import { parseDocument } from "../../src/cib/xml-parse";

const cib = `<cib admin_epoch="0" epoch="3" num_updates="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options"/>
    </crm_config>
    <nodes/>
    <resources>
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id='single-quoted'>
          <nvpair name="x" value=' id="in-a-value"' id="after-value"/>
          <nvpair name=" id=" id="after-tricky"/>
          <nvpair\tid = "spaced" name="y" value="1"/>
          <nvpair id="amp&amp;id" name="z" value="2"/>
        </meta_attributes>
      </primitive>
      <primitive id="R" class="ocf" provider="pacemaker" type="remote">
        <meta_attributes id="R-meta">
          <nvpair id="R-meta-rn" name="remote-node" value="guest1"/>
        </meta_attributes>
      </primitive>
    </resources>
    <constraints>
      <rsc_location id="loc" rsc="A" node="n1" score="INFINITY"/>
    </constraints>
    <tags>
      <tag id="t1">
        <obj_ref id="A"/>
        <obj_ref id="only-a-reference"/>
      </tag>
    </tags>
  </configuration>
  <status>
    <node_state id="only-in-status" uname="n1"/>
  </status>
</cib>
`;

const kept = (text = cib) => parseDocument(text, { keepAsText: cibSectionsAsText }).root;
const parsed = (text = cib) => parseDocument(text).root;
const candidates = [
  "A", "R", "single-quoted", "after-value", "in-a-value", "after-tricky", "spaced", "amp&id", "amp&amp;id",
  "R-meta-rn", "guest1", "loc", "t1", "only-a-reference", "only-in-status", "cib-bootstrap-options", "missing",
];

test("sections are kept as text until read", () => {
  const root = kept();
  const resources = firstChild(firstChild(root, "configuration")!, "resources")!;
  expect(untouchedText(resources)).toBeDefined();
  expect(resources.children.map((c) => c.attrs.id)).toEqual(["A", "R"]);
  expect(untouchedText(resources)).toBeUndefined();
});

test("the id index sees the same ids in kept and parsed sections", () => {
  const fromKept = new IdIndex(kept());
  const fromParsed = new IdIndex(parsed());
  const answer = (index: IdIndex) => candidates.map((id) => [id, index.has(id)]);
  expect(answer(fromKept)).toEqual(answer(fromParsed));
  expect(fromKept.has("after-tricky") && fromKept.has("spaced") && fromKept.has("amp&id")).toBe(true);
  expect(fromKept.has("in-a-value") || fromKept.has("only-a-reference") || fromKept.has("only-in-status")).toBe(false);
});

test("findById finds the same elements in kept sections", () => {
  const root = kept();
  const reference = parsed();
  for (const id of candidates) {
    const found = findById(root, id);
    const expected = findById(reference, id);
    expect([id, found && serializeXml(found)]).toEqual([id, expected && serializeXml(expected)]);
  }
});

test("appending to a kept section writes what a parsed section would, and reads back", () => {
  const append = (root: XmlElement) => {
    const resources = firstChild(firstChild(root, "configuration")!, "resources")!;
    const p = createElement("primitive", { id: "B", class: "ocf", provider: "heartbeat", type: "Dummy" }, resources);
    createElement("operations", {}, p);
    createElement("rsc_location", { id: "loc-B", rsc: "B", node: "n2", score: "10" }, firstChild(firstChild(root, "configuration")!, "constraints")!);
    return root;
  };
  // in pcs's layout (a file in any other is parsed whole: src/env/file.ts)
  const canonical = serializeXml(parsed());
  expect(parseDocument(canonical, { keepAsText: cibSectionsAsText }).canonical).toBe(true);
  const root = append(kept(canonical));
  expect(serializeXml(root)).toBe(serializeXml(append(parsed())));
  expect(new IdIndex(root).has("B")).toBe(true);
  const resources = firstChild(firstChild(root, "configuration")!, "resources")!;
  expect(resources.children.map((c) => c.attrs.id)).toEqual(["A", "R", "B"]);
  expect(resources.children[2].parent).toBe(resources);
});

test("an untouched document is written back byte for byte", () => {
  expect(serializeXml(kept())).toBe(cib);
});
