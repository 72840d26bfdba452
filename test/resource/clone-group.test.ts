import { appendNewClone, cloneInner, parentClone, unwrapClone, validateCloneId } from "../../src/cib/clone";
import { emptyCib, section } from "../../src/cib/document";
import { groupAdd, placeIntoGroup, resolveGroupTarget, validateMoveToGroup } from "../../src/cib/group";
import { IdIndex } from "../../src/cib/ids";
import { createElement, serializeXml, type XmlElement } from "../../src/cib/xml";
import { ReportedError, Reports } from "../../src/report";

function cibWith(...ids: string[]): XmlElement {
  const cib = emptyCib();
  const resources = section(cib, "resources");
  for (const id of ids) createElement("primitive", { id, class: "ocf", provider: "heartbeat", type: "Dummy" }, resources);
  return cib;
}
const resources = (cib: XmlElement) => section(cib, "resources");
const find = (cib: XmlElement, id: string) => {
  let found: XmlElement | undefined;
  const visit = (e: XmlElement) => {
    if (e.attrs.id === id) found = found ?? e;
    e.children.forEach(visit);
  };
  visit(cib);
  return found!;
};
const shape = (e: XmlElement): string =>
  e.children.length ? `${e.attrs.id ?? e.name}(${e.children.map(shape).join(",")})` : (e.attrs.id ?? e.name);

describe("clone", () => {
  test("wraps a primitive with pcs's ids and sorted meta attributes", () => {
    const cib = cibWith("A", "B");
    const ids = new IdIndex(cib);
    const clone = appendNewClone(resources(cib), ids, find(cib, "A"), { meta: { foo: "bar", a: "b" } });
    expect(clone.attrs.id).toBe("A-clone");
    expect(shape(resources(cib))).toBe("resources(B,A-clone(A,A-clone-meta_attributes(A-clone-meta_attributes-a,A-clone-meta_attributes-foo)))");
    expect(cloneInner(clone)?.attrs.id).toBe("A");
    expect(parentClone(find(cib, "A"))).toBe(clone);
  });

  test("default id avoids taken ids; custom ids are validated and booked", () => {
    const cib = cibWith("A", "A-clone");
    const ids = new IdIndex(cib);
    expect(appendNewClone(resources(cib), ids, find(cib, "A")).attrs.id).toBe("A-clone-1");
    expect(validateCloneId("A-clone", ids).map((r) => r.message)).toEqual(["'A-clone' already exists"]);
    expect(validateCloneId("1x", ids)[0].message).toContain("is not a valid first character");
    expect(validateCloneId("ok", ids)).toEqual([]);
  });

  test("unwrap moves the inner resource to the end of resources", () => {
    const cib = cibWith("A", "B");
    const ids = new IdIndex(cib);
    const clone = appendNewClone(resources(cib), ids, find(cib, "A"), { before: find(cib, "B") });
    expect(shape(resources(cib))).toBe("resources(A-clone(A),B)");
    unwrapClone(clone);
    expect(shape(resources(cib))).toBe("resources(B,A)");
  });
});

describe("group", () => {
  test("group add creates the group and keeps the given order", () => {
    const cib = cibWith("A", "B", "C");
    groupAdd(cib, { groupId: "G", resourceIds: ["C", "A"] }, new Reports());
    expect(shape(resources(cib))).toBe("resources(B,G(C,A))");
  });

  test("--before and --after place members beside the adjacent one", () => {
    const cib = cibWith("A", "B", "C", "D");
    groupAdd(cib, { groupId: "G", resourceIds: ["A", "B"] }, new Reports());
    groupAdd(cib, { groupId: "G", resourceIds: ["C"], adjacentId: "A", putAfter: true }, new Reports());
    groupAdd(cib, { groupId: "G", resourceIds: ["D"], adjacentId: "A", putAfter: false }, new Reports());
    expect(shape(resources(cib))).toBe("resources(G(D,A,C,B))");
  });

  test("moving the last member removes the old group, and its clone", () => {
    const cib = cibWith("A", "B");
    groupAdd(cib, { groupId: "G", resourceIds: ["A"] }, new Reports());
    appendNewClone(resources(cib), new IdIndex(cib), find(cib, "G"));
    groupAdd(cib, { groupId: "H", resourceIds: ["B"] }, new Reports());
    groupAdd(cib, { groupId: "H", resourceIds: ["A"] }, new Reports());
    expect(shape(resources(cib))).toBe("resources(H(B,A))");
  });

  test("an emptied group with references is refused as pcs does", () => {
    const cib = cibWith("A");
    groupAdd(cib, { groupId: "G", resourceIds: ["A"] }, new Reports());
    const constraints = section(cib, "constraints");
    createElement("rsc_location", { id: "l", rsc: "G", node: "n1", score: "INFINITY" }, constraints);
    const reports = new Reports();
    expect(() => groupAdd(cib, { groupId: "H", resourceIds: ["A"] }, reports)).toThrow(ReportedError);
    expect(reports.items.map((r) => r.message)).toEqual([
      "Unable to move resource 'A' as it would leave group 'G' empty. Please, use the 'pcs resource ungroup G' command first.",
    ]);
  });

  test("validation messages", () => {
    const cib = cibWith("A", "B");
    groupAdd(cib, { groupId: "G", resourceIds: ["A"] }, new Reports());
    const group = find(cib, "G");
    const msgs = (rs: { message: string }[]) => rs.map((r) => r.message);
    expect(msgs(validateMoveToGroup(group, [find(cib, "A")]))).toEqual(["Cannot add resource 'A', it is already present in group 'G'"]);
    expect(msgs(validateMoveToGroup(group, [find(cib, "B"), find(cib, "B")]))).toEqual([
      "Resources to add or remove must be unique, duplicate resources: 'B'",
    ]);
    expect(msgs(validateMoveToGroup(group, [find(cib, "G")]))).toEqual([
      "'G' is a group resource, group resources cannot be put into a group",
    ]);
    expect(msgs(validateMoveToGroup(find(cib, "B"), [find(cib, "A")]))).toEqual(["'B' is not a group"]);
    expect(msgs(validateMoveToGroup(group, [find(cib, "B")], find(cib, "B")))).toEqual(["There is no resource 'B' in the group 'G', cannot add resources next to it", "Cannot put resource 'B' next to itself"]);
  });

  test("resolve + place (resource create --group)", () => {
    const cib = cibWith("A");
    const reports = new Reports();
    const target = resolveGroupTarget(cib, "G", undefined, reports);
    expect(target.created).toBe(true);
    const fresh = createElement("primitive", { id: "N" }, resources(cib));
    placeIntoGroup(target, [fresh], true, reports);
    expect(shape(resources(cib))).toBe("resources(A,G(N))");
    expect(() => resolveGroupTarget(cib, "G", "nope", new Reports())).toThrow(ReportedError);
    const bad = new Reports();
    resolveGroupTarget(cib, "1G", undefined, bad);
    expect(bad.items[0].message).toBe("invalid group name '1G', '1' is not a valid first character for a group name");
    expect(serializeXml(cib)).toContain('<group id="G">');
  });
});
