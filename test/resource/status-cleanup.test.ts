// resource cleanup / refresh as edits of the status section (crm_resource --cleanup / --refresh).
import { serializeXml, type XmlElement } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { cleanupStatus, isFailedOp, replyLines } from "../../src/commands/resource/status-cleanup";
import { describeState, resourceState } from "../../src/commands/resource/cluster-state";

const op = (rsc: string, key: string, attrs: Record<string, string>) => {
  const [operation, interval] = [attrs.operation ?? "start", attrs.interval ?? "0"];
  const rc = attrs.rc ?? "0";
  const expected = attrs.expected ?? (operation === "monitor" && interval === "0" ? "7" : "0");
  return `<lrm_rsc_op id="${rsc}_${key}" operation_key="${rsc}_${operation}_${interval}" operation="${operation}" call-id="${attrs.call ?? "1"}" rc-code="${rc}" op-status="${attrs.status ?? "0"}" interval="${interval}" transition-key="1:1:${expected}:0f3c7a8e-0000-0000-0000-000000000000" last-rc-change="1700000000" exec-time="10" queue-time="0"/>`;
};

const nodeState = (id: string, uname: string, lrm: string, attrs = "") =>
  `<node_state id="${id}" uname="${uname}" in_ccm="true" crmd="online" join="member" expected="member">` +
  `<transient_attributes id="${id}"><instance_attributes id="status-${id}">${attrs}</instance_attributes></transient_attributes>` +
  `<lrm id="${id}"><lrm_resources>${lrm}</lrm_resources></lrm></node_state>`;

const dummy = (id: string) => `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy"/>`;

function cib(resources: string, status: string): XmlElement {
  return parseXml(
    `<cib admin_epoch="0" epoch="5" num_updates="3" validate-with="pacemaker-3.8" have-quorum="1" dc-uuid="1"><configuration><crm_config/>` +
      `<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes><resources>${resources}</resources><constraints/></configuration>` +
      `<status>${status}</status></cib>`,
  );
}

const lrmResource = (id: string, ops: string) => `<lrm_resource id="${id}" type="Dummy" class="ocf" provider="heartbeat">${ops}</lrm_resource>`;
const failCount = (id: string, rsc: string, key: string, value = "1") =>
  `<nvpair id="status-${id}-fail-count-${rsc}.${key}" name="fail-count-${rsc}#${key}" value="${value}"/>` +
  `<nvpair id="status-${id}-last-failure-${rsc}.${key}" name="last-failure-${rsc}#${key}" value="1700000000"/>`;

/** d1 started on n1 whose 10 s monitor failed; probed (not running) on n2. d2 healthy on n2. */
function failedCluster(): XmlElement {
  return cib(
    dummy("d1") + dummy("d2"),
    nodeState(
      "1",
      "n1",
      lrmResource("d1", op("d1", "last_0", { operation: "start", call: "3" }) + op("d1", "monitor_10000", { operation: "monitor", interval: "10000", rc: "7", call: "4" }) + op("d1", "last_failure_0", { operation: "monitor", interval: "10000", rc: "7", call: "4" })),
      failCount("1", "d1", "monitor_10000"),
    ) +
      nodeState("2", "n2", lrmResource("d1", op("d1", "last_0", { operation: "monitor", rc: "7" })) + lrmResource("d2", op("d2", "last_0", { operation: "start" }))),
  );
}

const text = (e: XmlElement) => serializeXml(e);
/** The serialized node_state of one node. */
const stateOf = (e: XmlElement, id: string) => text(e).split(`<node_state id="${id}"`)[1].split("</node_state>")[0];

describe("failed history entries", () => {
  it("a failed recurring monitor, an error status and a recorded last failure are failures; a probe finding nothing is not", () => {
    const c = failedCluster();
    expect(stateOf(c, "1")).toContain("d1_last_failure_0");
    const probe = parseXml(op("d1", "last_0", { operation: "monitor", rc: "7" }));
    expect(isFailedOp(probe)).toBe(false);
    expect(isFailedOp(parseXml(op("d1", "last_0", { operation: "start", rc: "1" })))).toBe(true);
    expect(isFailedOp(parseXml(op("d1", "last_0", { operation: "start", status: "2" })))).toBe(true);
    expect(isFailedOp(parseXml(op("d1", "last_0", { operation: "start", status: "-1" })))).toBe(false);
  });
});

describe("resource cleanup", () => {
  it("removes the fail counts and the history where the resource failed, and prints crm_resource's lines", () => {
    const c = failedCluster();
    const result = cleanupStatus(c, { resource: "d1", strict: false, refresh: false });
    expect(result).toEqual({ ok: true, lines: ["Cleaned up d1 on n1", "Cleaned up d1 on n2"], replies: 1 });
    const after = text(c);
    expect(after).not.toContain("fail-count-d1");
    expect(after).not.toContain("last-failure-d1");
    // n1 lost d1's history (it is probed again); n2's clean probe and d2 stay
    expect(stateOf(c, "2")).toContain('lrm_resource id="d1"');
    expect(stateOf(c, "1")).not.toContain('lrm_resource id="d1"');
    expect(after).toContain('lrm_resource id="d2"');
    expect(replyLines(result.ok ? result.replies : 0)).toEqual(["Waiting for 1 reply from the controller", "... got reply (done)"]);
  });

  it("without a resource cleans up every failure, on all nodes or one", () => {
    const c = failedCluster();
    expect(cleanupStatus(c, { node: "n2", strict: false, refresh: false })).toEqual({ ok: true, lines: ["Cleaned up all resources on n2"], replies: 0 });
    expect(text(c)).toContain("fail-count-d1");
    expect(cleanupStatus(c, { strict: false, refresh: false })).toEqual({ ok: true, lines: ["Cleaned up all resources on all nodes"], replies: 1 });
    expect(text(c)).not.toContain("fail-count-d1");
  });

  it("with operation= and interval= forgets only those failures", () => {
    const c = failedCluster();
    expect(cleanupStatus(c, { resource: "d1", operation: "start", strict: false, refresh: false })).toMatchObject({ ok: true, replies: 0 });
    expect(text(c)).toContain("fail-count-d1#monitor_10000");
    expect(cleanupStatus(c, { resource: "d1", operation: "monitor", interval: "10s", strict: false, refresh: false })).toMatchObject({ ok: true, replies: 1 });
    expect(text(c)).not.toContain("fail-count-d1#monitor_10000");
  });

  it("says what it could not find", () => {
    expect(cleanupStatus(failedCluster(), { resource: "nope", strict: false, refresh: false })).toEqual({ ok: false, problem: "resource-not-found" });
    expect(cleanupStatus(failedCluster(), { resource: "d1", node: "n9", strict: false, refresh: false })).toEqual({ ok: false, problem: "node-not-found" });
  });

  it("a group member is cleaned up with its group unless --strict, and a stopped target-role is pointed out", () => {
    const c = cib(
      `<group id="g"><meta_attributes id="g-meta_attributes"><nvpair id="g-meta_attributes-target-role" name="target-role" value="Stopped"/></meta_attributes>${dummy("a")}${dummy("b")}</group>`,
      nodeState("1", "n1", lrmResource("a", op("a", "last_0", { operation: "stop" })) + lrmResource("b", op("b", "last_0", { operation: "stop" }))) + nodeState("2", "n2", ""),
    );
    const grouped = cleanupStatus(c, { resource: "b", strict: false, refresh: false });
    expect(grouped).toEqual({ ok: true, lines: ["Cleaned up a on n1", "Cleaned up b on n1", "Configuration specifies 'g' should remain stopped"], replies: 0 });
    const strict = cleanupStatus(c, { resource: "b", strict: true, refresh: false });
    expect(strict.ok && strict.lines[0]).toBe("Cleaned up b on n1");
  });
});

describe("resource refresh", () => {
  it("deletes the resource's whole history on every node that has one: one reply each", () => {
    const c = failedCluster();
    const result = cleanupStatus(c, { resource: "d1", strict: false, refresh: true });
    expect(result).toEqual({ ok: true, lines: ["Cleaned up d1 on n1", "Cleaned up d1 on n2"], replies: 2 });
    expect(text(c)).not.toContain('lrm_resource id="d1"');
    expect(text(c)).toContain('lrm_resource id="d2"');
    expect(replyLines(2)).toEqual(["Waiting for 2 replies from the controller", "... got reply", "... got reply (done)"]);
  });

  it("of everything on a node is the controller's reprobe: one reply", () => {
    const c = failedCluster();
    expect(cleanupStatus(c, { node: "n2", strict: false, refresh: true })).toEqual({ ok: true, lines: [], replies: 1 });
    expect(stateOf(c, "2")).not.toContain("<lrm_resource ");
    expect(text(c)).toContain('lrm_resource id="d1"');
  });
});

describe("resource state as pcs reports it", () => {
  it("reads where a resource runs from the status section", () => {
    const c = failedCluster();
    expect(resourceState(c, "d2")).toEqual({ Started: ["n2"] });
    expect(describeState("d2", resourceState(c, "d2"))).toBe("resource 'd2' is running on node 'n2'");
    expect(describeState("x", {})).toBe("resource 'x' is not running on any node");
    expect(describeState("c", { Started: ["n2", "n1"], Promoted: ["n3"] })).toBe("resource 'c' is promoted on node 'n3'; running on nodes 'n1', 'n2'");
  });
});
