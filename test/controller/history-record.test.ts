// Records written the way the controller writes them must read back, through our scheduler and
// through Pacemaker's own crm_mon, as the placement they describe.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement, serializeXml, type XmlElement } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { OP_STATUS, recordOperation, transitionKey, type OperationRecord } from "../../src/cluster/controller/history-record";
import { applyMembership, countFailure, replaceLrmResource } from "../../src/cluster/store/status-section";
import { schedule } from "../../src/scheduler";

const NODES = [
  { name: "n1", nodeid: 1 },
  { name: "n2", nodeid: 2 },
];

function baseCib(): XmlElement {
  const cib = parseXml(`<cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
    <resources><primitive id="d1" class="ocf" provider="heartbeat" type="Dummy"><operations><op id="d1-monitor-interval-10s" name="monitor" interval="10s" timeout="20s"/></operations></primitive></resources>
    <constraints/>
  </configuration>
  <status/>
</cib>`);
  applyMembership(cib, { nodes: NODES, members: new Set(["n1", "n2"]), dc: NODES[0], quorate: true, left: new Set() });
  return cib;
}

const UUID = "c0ffee00-0000-4000-8000-000000000000";
const rec = (over: Partial<OperationRecord>): OperationRecord => ({
  rsc: { id: "d1", class: "ocf", provider: "heartbeat", type: "Dummy" },
  task: "monitor",
  intervalMs: 0,
  node: "n1",
  callId: 1,
  rc: 7,
  opStatus: OP_STATUS.done,
  exitReason: "",
  transitionKey: transitionKey(1, 0, over.task && over.task !== "monitor" ? 0 : over.intervalMs ? 0 : 7, UUID),
  lastRcChange: 1700000000,
  execTimeMs: 12,
  queueTimeMs: 0,
  params: {},
  ...over,
});

function record(cib: XmlElement, node: (typeof NODES)[number], lrm: XmlElement, r: OperationRecord, target: number) {
  replaceLrmResource(cib, node, recordOperation(lrm, r, target));
}

function started(): { cib: XmlElement; lrm1: XmlElement } {
  const cib = baseCib();
  const lrm1 = createElement("lrm", {});
  const lrm2 = createElement("lrm", {});
  record(cib, NODES[0], lrm1, rec({ callId: 1 }), 7);
  record(cib, NODES[1], lrm2, rec({ node: "n2", callId: 1 }), 7);
  record(cib, NODES[0], lrm1, rec({ task: "start", rc: 0, callId: 2 }), 0);
  record(cib, NODES[0], lrm1, rec({ task: "monitor", intervalMs: 10000, rc: 0, callId: 3 }), 0);
  return { cib, lrm1 };
}

describe("operation records in Pacemaker's format", () => {
  test("a probe, a start and a monitor read back as the resource started there, nothing to do", () => {
    const { cib } = started();
    const result = schedule(cib, 1700000100 * 1000);
    const d1 = result.cluster.primitives.find((p) => p.id === "d1")!;
    expect(d1.running.map((n) => n.uname)).toEqual(["n1"]);
    expect(result.summary).toEqual([]);
  });

  test("a failed recurring monitor, counted, reads back as a recovery on the same node", () => {
    const { cib, lrm1 } = started();
    record(cib, NODES[0], lrm1, rec({ task: "monitor", intervalMs: 10000, rc: 7, callId: 3 }), 0);
    countFailure(cib, NODES[0], "d1#monitor_10000", 1700000050 * 1000, false);
    const xml = serializeXml(cib);
    expect(xml).toContain('name="fail-count-d1#monitor_10000" value="1"');
    expect(xml).toContain('id="d1_last_failure_0" operation_key="d1_monitor_10000"');
    const result = schedule(cib, 1700000100 * 1000);
    expect(result.summary.map((l) => `${l.action} ${l.rsc} ${l.detail}`)).toEqual([expect.stringMatching(/^Recover d1 /)]);
  });

  test("a stop removes the recurring record, not the failure; start failures are fatal: INFINITY", () => {
    const { cib, lrm1 } = started();
    recordOperation(lrm1, rec({ task: "monitor", intervalMs: 10000, rc: 7, callId: 3 }), 0);
    const lr = recordOperation(lrm1, rec({ task: "stop", rc: 0, callId: 4 }), 0);
    // the failure stays on record until a cleanup
    expect(lr.children.map((c) => c.attrs.id)).toEqual(["d1_last_0", "d1_last_failure_0"]);
    countFailure(cib, NODES[1], "d1#start_0", 1700000050 * 1000, true);
    expect(serializeXml(cib)).toContain('name="fail-count-d1#start_0" value="INFINITY"');
  });

  test("crm_mon reads the same placement", () => {
    if (!existsSync("/usr/sbin/crm_mon")) {
      if (process.env.CI === "true") throw new Error("pacemaker-cli-utils (crm_mon) is not installed");
      return;
    }
    const { cib } = started();
    const dir = mkdtempSync(join(tmpdir(), "pcs-lite-history-"));
    try {
      const file = join(dir, "cib.xml");
      writeFileSync(file, serializeXml(cib));
      const out = execFileSync("crm_mon", ["-1", "-r"], { env: { ...process.env, CIB_file: file }, encoding: "utf8" });
      expect(out).toMatch(/d1\s+\(ocf:heartbeat:Dummy\):\s+Started n1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
