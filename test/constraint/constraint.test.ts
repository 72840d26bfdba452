import { emptyCib, section } from "../../src/cib/document";
import { createElement, serializeXml, type XmlElement } from "../../src/cib/xml";
import { Reports, ReportedError } from "../../src/report";
import { locationPrefers, locationRule } from "../../src/cib/constraints/location";
import { colocationAdd } from "../../src/cib/constraints/colocation";
import { orderAdd } from "../../src/cib/constraints/order";
import { colocationSet } from "../../src/cib/constraints/colocation";
import { parseSetArgs } from "../../src/cib/constraints/options";
import { locationLines, sectionLines } from "../../src/cib/constraints/format";
import { constraintsOf } from "../../src/cib/constraints/common";
import { moveOrBan, clearPlacement, addIsoDuration } from "../../src/cib/constraints/placement";

function cibWith(...ids: string[]): XmlElement {
  const cib = emptyCib();
  for (const id of ids) createElement("primitive", { id, class: "ocf", provider: "heartbeat", type: "Dummy" }, section(cib, "resources"));
  return cib;
}

const constraintsXml = (cib: XmlElement) => serializeXml(section(cib, "constraints"));

test("prefers / avoids make pcs's ids and scores, one write per changed constraint", () => {
  const cib = cibWith("A");
  const reports = new Reports();
  const writes = locationPrefers(cib, { resource: "A", prefer: false, nodes: ["n1", "n2=20", "n3=-5"], force: false, reports });
  expect(writes).toBe(3);
  expect(constraintsOf(cib, "rsc_location").map((c) => [c.attrs.id, c.attrs.score])).toEqual([
    ["location-A-n1--INFINITY", "-INFINITY"],
    ["location-A-n2--20", "-20"],
    ["location-A-n3-5", "5"],
  ]);
  expect(reports.items[0].message).toBe("Validation for node existence in the cluster will be skipped");
});

test("a missing resource stops with pcs's message", () => {
  const cib = cibWith("A");
  expect(() => locationPrefers(cib, { resource: "X", prefer: true, nodes: ["n1"], force: false, reports: new Reports() })).toThrow(ReportedError);
});

test("location rule builds the rule and lists it", () => {
  const cib = cibWith("A");
  locationRule(cib, { resource: "A", words: ["score=10", "#uname", "eq", "n1", "or", "pingd", "gt", "version", "1.2"], force: false, reports: new Reports() });
  expect(constraintsXml(cib)).toContain('<rule id="location-A-rule" boolean-op="or" score="10">');
  expect(locationLines(constraintsOf(cib, "rsc_location"), { full: false })).toEqual([
    "Location Constraints:",
    "  Resource: A",
    "    Constraint: location-A",
    "      Rule: boolean-op=or score=10",
    "        Expression: #uname eq n1",
    "        Expression: pingd gt version 1.2",
  ]);
});

test("colocation and order add, with their config lines", () => {
  const cib = cibWith("A", "B");
  const reports = new Reports();
  colocationAdd(cib, { words: ["A", "with", "B", "-10"], force: false, reports });
  orderAdd(cib, { words: ["stop", "A", "then", "B", "kind=Optional"], force: false, reports });
  expect(sectionLines("Colocation Constraints:", constraintsOf(cib, "rsc_colocation"), true, (e) => !!e.attrs.rsc)).toEqual([
    "Colocation Constraints:",
    "  A with B (score:-10) (id:colocation-A-B--10)",
  ]);
  expect(sectionLines("Ordering Constraints:", constraintsOf(cib, "rsc_order"), false, (e) => !!e.attrs.first)).toEqual([
    "Ordering Constraints:",
    "  stop A then start B (kind:Optional)",
  ]);
  expect(reports.items.map((r) => r.message)).toContain("Adding A B (kind: Optional) (Options: first-action=stop then-action=start)");
});

test("colocation set ids", () => {
  const cib = cibWith("A", "B", "C");
  colocationSet(cib, { ...parseSetArgs(["A", "B", "set", "C", "sequential=false"]), force: false, reports: new Reports() });
  const [c] = constraintsOf(cib, "rsc_colocation");
  expect(c.attrs).toEqual({ score: "INFINITY", id: "colocation_set_AABBCC" });
  expect(c.children.map((s) => s.attrs.id)).toEqual(["colocation_set_AABBCC_set", "colocation_set_AABBCC_set-1"]);
});

test("ban needs a known node; with nodes it makes cli-ban and clear removes it", () => {
  const cib = cibWith("A");
  expect(() => moveOrBan(cib, { action: "ban", resource: "A", node: "n1", promoted: false, reports: new Reports() })).toThrow(ReportedError);
  createElement("node", { id: "1", uname: "n1" }, section(cib, "nodes"));
  moveOrBan(cib, { action: "ban", resource: "A", node: "n1", promoted: false, reports: new Reports() });
  expect(constraintsXml(cib)).toContain('<rsc_location id="cli-ban-A-on-n1" rsc="A" role="Started" node="n1" score="-INFINITY"/>');
  moveOrBan(cib, { action: "move", resource: "A", node: "n1", promoted: false, lifetime: "PT1H", reports: new Reports(), now: new Date(Date.UTC(2024, 0, 1)) });
  expect(constraintsXml(cib)).toContain('end="2024-01-01 01:00:00Z"');
  clearPlacement(cib, { resource: "A", promoted: false, reports: new Reports() });
  expect(constraintsOf(cib, "rsc_location")).toHaveLength(0);
});

test("ISO durations", () => {
  expect(addIsoDuration(new Date(Date.UTC(2024, 0, 31)), "P1M")?.toISOString()).toBe("2024-03-02T00:00:00.000Z");
  expect(addIsoDuration(new Date(0), "P30")).toBeUndefined();
});
