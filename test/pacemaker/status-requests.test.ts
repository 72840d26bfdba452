// What a status-section edit asks of Pacemaker's daemons: the cleanup/refresh requests computed from
// the histories and fail counts an edit removed.
import { parseXml } from "../../src/cib/xml-parse";
import { cloneElement, detach, findAll, type XmlElement } from "../../src/cib/xml";
import { crmResourceArgs, statusChanges } from "../../src/env/pacemaker/status-requests";

const op = (rsc: string, id: string, rc = "0") =>
  `<lrm_rsc_op id="${rsc}_${id}" operation="monitor" interval="10000" rc-code="${rc}" op-status="0" transition-key="3:2:0:x"/>`;

const CIB = parseXml(`<cib epoch="3" num_updates="1" admin_epoch="0"><configuration><resources/></configuration><status>
  <node_state id="1" uname="n1"><transient_attributes id="1"><instance_attributes id="status-1">
    <nvpair id="s1-a" name="fail-count-d1#monitor_10000" value="1"/>
    <nvpair id="s1-b" name="last-failure-d1#monitor_10000" value="1796604112"/>
    <nvpair id="s1-c" name="fail-count-d2#start_0" value="INFINITY"/>
    <nvpair id="s1-d" name="fail-count-d2#monitor_10000" value="1"/>
  </instance_attributes></transient_attributes>
  <lrm id="1"><lrm_resources>
    <lrm_resource id="d1">${op("d1", "last_0")}${op("d1", "last_failure_0", "7")}</lrm_resource>
    <lrm_resource id="d2">${op("d2", "last_0")}</lrm_resource>
  </lrm_resources></lrm></node_state></status></cib>`);

function edited(remove: (e: XmlElement) => boolean): XmlElement {
  const copy = cloneElement(CIB);
  findAll(copy, remove).forEach(detach);
  return copy;
}

test("an unchanged status section asks nothing", () => {
  expect(statusChanges(CIB, cloneElement(CIB))).toEqual({ requests: [], other: false });
});

test("a failed history removed with its fail counts is a cleanup of that resource on that node", () => {
  const after = edited((e) => (e.name === "lrm_resource" && e.attrs.id === "d1") || /-d1#/.test(e.attrs.name ?? ""));
  const { requests, other } = statusChanges(CIB, after);
  expect(other).toBe(false);
  expect(requests).toEqual([{ action: "cleanup", node: "n1", resource: "d1" }]);
  expect(crmResourceArgs(requests[0])).toEqual(["--cleanup", "--node", "n1", "--resource", "d1", "--force"]);
});

test("a history removed without a failure is a refresh; a failed one a cleanup", () => {
  const after = edited((e) => e.name === "lrm_resource" && e.attrs.id === "d2");
  expect(statusChanges(CIB, after).requests).toEqual([{ action: "refresh", node: "n1", resource: "d2" }]);
  const everything = edited((e) => e.name === "lrm_resource" || /^(fail-count|last-failure)-/.test(e.attrs.name ?? ""));
  const all = statusChanges(CIB, everything).requests;
  expect(all).toEqual([
    { action: "cleanup", node: "n1", resource: "d1" },
    { action: "refresh", node: "n1", resource: "d2" },
  ]);
});

test("some of a resource's fail counts removed: a cleanup of that operation only", () => {
  const after = edited((e) => e.attrs.name === "fail-count-d2#start_0");
  const { requests } = statusChanges(CIB, after);
  expect(requests).toEqual([{ action: "cleanup", node: "n1", resource: "d2", operation: "start", interval: "0" }]);
  expect(crmResourceArgs(requests[0])).toEqual(["--cleanup", "--node", "n1", "--resource", "d2", "--force", "--operation", "start", "--interval", "0ms"]);
});

test("any other change of the status section is left to the patch", () => {
  const after = cloneElement(CIB);
  findAll(after, (e) => e.name === "node_state")[0].attrs.expected = "down";
  expect(statusChanges(CIB, after)).toEqual({ requests: [], other: true });
});
