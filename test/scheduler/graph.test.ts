// The transition graph the controller executes, on small CIBs built here: which actions, where, with
// which attributes, and which must complete before which.
import { parseXml } from "../../src/cib/xml-parse";
import { paramsDigest } from "../../src/scheduler/digest";
import { graphXml, transitionGraph, type TransitionGraph } from "../../src/scheduler/graph";
import { graphXmlChunks } from "../../src/scheduler/graph-xml";
import { buildCib, dummy, type CibSpec } from "./build-cib";
import { before, find, keyOf } from "./graph-query";

const graphOf = (spec: CibSpec): TransitionGraph => transitionGraph(parseXml(buildCib(spec)), Date.UTC(2024, 0, 1));
const keys = (g: TransitionGraph) => g.actions.map(keyOf).sort();
const two = [{ name: "n1" }, { name: "n2" }];
const withMonitor = (id: string, ops = `<op id="${id}-monitor" name="monitor" interval="10s" timeout="30s"/>`) =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations>${ops}</operations></primitive>`;

describe("transition graph", () => {
  test("an empty CIB, or one without status, gives an empty graph", () => {
    const g = transitionGraph(parseXml("<cib><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>"));
    expect(g.actions).toEqual([]);
    expect(g.options).toMatchObject({ "cluster-delay": "60s", "stonith-timeout": "60s", "failed-stop-offset": "INFINITY", "failed-start-offset": "INFINITY", "batch-limit": "0", transition_id: "0" });
    expect(graphXml(g)).toBe('<transition_graph cluster-delay="60s" stonith-timeout="60s" failed-stop-offset="INFINITY" failed-start-offset="INFINITY" batch-limit="0" transition_id="0"/>\n');
  });

  test("options come from the cluster properties", () => {
    const g = graphOf({ nodes: two, resources: "", options: { "cluster-delay": "90s", "batch-limit": "5", "start-failure-is-fatal": "false" } });
    expect(g.options).toMatchObject({ "cluster-delay": "90s", "batch-limit": "5", "failed-start-offset": "1" });
  });

  test("probes on every node without history come before the start, with target rc 7", () => {
    const g = graphOf({ nodes: two, resources: dummy("A") });
    expect(keys(g)).toEqual(["A_monitor_0@n1", "A_monitor_0@n2", "A_start_0@n1"]);
    const probe = find(g, "A_monitor_0@n2");
    expect(probe).toMatchObject({ task: "monitor", targetRc: 7, intervalMs: 0, rsc: { id: "A", class: "ocf", provider: "pacemaker", type: "Dummy" } });
    expect(probe.attributes).toMatchObject({ CRM_meta_op_target_rc: "7", CRM_meta_on_node: "n2", CRM_meta_on_node_uuid: "2", CRM_meta_timeout: "20000" });
    const start = find(g, "A_start_0@n1");
    expect(start.inputs.sort()).toEqual([find(g, "A_monitor_0@n1").id, probe.id].sort());
  });

  test("no probe where the history knows the resource, nor where discovery is off", () => {
    const g = graphOf({
      nodes: [{ name: "n1" }, { name: "n2" }, { name: "n3" }],
      resources: dummy("A"),
      constraints: `<rsc_location id="l1" rsc="A" node="n3" score="-INFINITY" resource-discovery="never"/>`,
      ops: [{ rsc: "A", node: "n1", op: "start", call: 2 }],
    });
    expect(keys(g)).toEqual(["A_monitor_0@n2"]);
  });

  test("an anonymous clone is probed once per node, as the instance placed there", () => {
    const g = graphOf({ nodes: two, resources: `<clone id="C">${dummy("d")}</clone>` });
    const probes = g.actions.filter((a) => a.task === "monitor");
    expect(probes.map(keyOf).sort()).toEqual(["d:0_monitor_0@n1", "d:1_monitor_0@n2"]);
    expect(probes[0].rsc).toMatchObject({ id: "d", longId: expect.stringMatching(/^d:\d$/) });
    const start = find(g, "d:0_start_0@n1");
    expect(start.attributes).toMatchObject({ CRM_meta_clone: "0", CRM_meta_clone_max: "2", CRM_meta_clone_node_max: "1", CRM_meta_globally_unique: "false", CRM_meta_notify: "false" });
    // Probes come before the clone's start pseudo event, which comes before each instance's start.
    expect(before(g, "d:1_monitor_0@n2", "d:0_start_0@n1")).toBe(true);
    expect(find(g, "C_start_0@").kind).toBe("pseudo_event");
    expect(before(g, "d:0_start_0@n1", "C_running_0@")).toBe(true);
  });

  test("a move stops before it starts; blocked starts are left out", () => {
    const g = graphOf({
      nodes: two,
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_location id="l1" rsc="A" node="n1" score="-INFINITY"/><rsc_order id="o1" first="B" then="A"/><rsc_location id="l2" rsc="B" node="n1" score="-INFINITY"/><rsc_location id="l3" rsc="B" node="n2" score="-INFINITY"/>`,
      ops: [
        { rsc: "A", node: "n1", op: "start", call: 2 },
        { rsc: "A", node: "n2", op: "monitor", rc: 7, call: 1 },
        { rsc: "B", node: "n1", op: "monitor", rc: 7, call: 1 },
        { rsc: "B", node: "n2", op: "monitor", rc: 7, call: 1 },
      ],
    });
    // B cannot run anywhere: A's start after it cannot run either, and only A's stop remains.
    expect(keys(g)).toEqual(["A_stop_0@n1"]);
    const g2 = graphOf({
      nodes: two,
      resources: dummy("A"),
      constraints: `<rsc_location id="l1" rsc="A" node="n1" score="-INFINITY"/>`,
      ops: [
        { rsc: "A", node: "n1", op: "start", call: 2 },
        { rsc: "A", node: "n2", op: "monitor", rc: 7, call: 1 },
      ],
    });
    expect(keys(g2)).toEqual(["A_start_0@n2", "A_stop_0@n1"]);
    expect(before(g2, "A_stop_0@n1", "A_start_0@n2")).toBe(true);
  });

  test("orderings: then starts after first, and stops before it (symmetrical)", () => {
    const g = graphOf({ nodes: [{ name: "n1" }], resources: dummy("A") + dummy("B"), constraints: `<rsc_order id="o" first="A" then="B"/>` });
    expect(before(g, "A_start_0@n1", "B_start_0@n1")).toBe(true);
    const stopping = graphOf({
      nodes: [{ name: "n1" }],
      options: { "stop-all-resources": "true" },
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_order id="o" first="A" then="B"/>`,
      ops: [
        { rsc: "A", node: "n1", op: "start", call: 2 },
        { rsc: "B", node: "n1", op: "start", call: 3 },
      ],
    });
    expect(keys(stopping)).toEqual(["A_stop_0@n1", "B_stop_0@n1"]);
    expect(before(stopping, "B_stop_0@n1", "A_stop_0@n1")).toBe(true);
  });

  test("a group starts its members in order and stops them in reverse, between its pseudo events", () => {
    const g = graphOf({ nodes: [{ name: "n1" }], resources: `<group id="G">${dummy("a")}${dummy("b")}</group>` });
    expect(before(g, "G_start_0@", "a_start_0@n1")).toBe(true);
    expect(before(g, "a_start_0@n1", "b_start_0@n1")).toBe(true);
    expect(before(g, "b_start_0@n1", "G_running_0@")).toBe(true);
    const s = graphOf({
      nodes: [{ name: "n1" }],
      resources: `<group id="G">${dummy("a")}${dummy("b")}<meta_attributes id="G-m"><nvpair id="G-m-1" name="target-role" value="Stopped"/></meta_attributes></group>`,
      ops: [
        { rsc: "a", node: "n1", op: "start", call: 2 },
        { rsc: "b", node: "n1", op: "start", call: 3 },
      ],
    });
    expect(keys(s)).toEqual(["G_stop_0@", "G_stopped_0@", "a_stop_0@n1", "b_stop_0@n1"]);
    expect(before(s, "b_stop_0@n1", "a_stop_0@n1")).toBe(true);
    expect(before(s, "a_stop_0@n1", "G_stopped_0@")).toBe(true);
  });

  test("recurring monitors follow the start; one already running is left alone", () => {
    const g = graphOf({ nodes: [{ name: "n1" }], resources: withMonitor("A") });
    const mon = find(g, "A_monitor_10000@n1");
    expect(mon).toMatchObject({ intervalMs: 10000, targetRc: 0 });
    expect(mon.attributes).toMatchObject({ CRM_meta_interval: "10000", CRM_meta_name: "monitor", CRM_meta_timeout: "30000" });
    expect(before(g, "A_start_0@n1", "A_monitor_10000@n1")).toBe(true);
    const running = graphOf({ nodes: [{ name: "n1" }], resources: withMonitor("A"), ops: [{ rsc: "A", node: "n1", op: "start", call: 2 }, { rsc: "A", node: "n1", op: "monitor", interval: 10000, call: 3 }] });
    expect(keys(running)).toEqual([]);
    const missing = graphOf({ nodes: [{ name: "n1" }], resources: withMonitor("A"), ops: [{ rsc: "A", node: "n1", op: "start", call: 2 }] });
    expect(keys(missing)).toEqual(["A_monitor_10000@n1"]);
  });

  test("promotion cancels the unpromoted monitor and starts the promoted one", () => {
    const ops = `<op id="s-mu" name="monitor" interval="11s" role="Unpromoted"/><op id="s-mp" name="monitor" interval="10s" role="Promoted"/>`;
    const g = graphOf({
      nodes: [{ name: "n1", transient: { "master-s": "10" } }],
      resources: `<clone id="P"><meta_attributes id="P-m"><nvpair id="P-m-1" name="promotable" value="true"/><nvpair id="P-m-2" name="clone-max" value="1"/></meta_attributes>${withMonitor("s", ops)}</clone>`,
      ops: [
        { rsc: "s", node: "n1", op: "start", call: 2 },
        { rsc: "s", node: "n1", op: "monitor", interval: 11000, call: 3 },
      ],
    });
    // The instance's history is filed under "s" on n1: its operation keys use that name, as Pacemaker's do.
    expect(keys(g)).toEqual(["P_promote_0@", "P_promoted_0@", "s_monitor_10000@n1", "s_monitor_11000@n1", "s_promote_0@n1"]);
    const cancel = find(g, "s_monitor_11000@n1");
    expect(cancel.task).toBe("cancel");
    expect(cancel.attributes).toMatchObject({ CRM_meta_interval: "11000", CRM_meta_operation: "monitor", CRM_meta_call_id: "3" });
    expect(before(g, "s_monitor_11000@n1", "s_promote_0@n1")).toBe(true);
    const mon = find(g, "s_monitor_10000@n1");
    expect(mon).toMatchObject({ targetRc: 8 });
    expect(mon.attributes).toMatchObject({ CRM_meta_role: "Promoted", CRM_meta_op_target_rc: "8", CRM_meta_promoted_max: "1", CRM_meta_master_max: "1" });
    expect(before(g, "s_promote_0@n1", "s_monitor_10000@n1")).toBe(true);
  });

  test("fencing comes before the recovery of what ran on the node", () => {
    const g = graphOf({
      nodes: [{ name: "n1" }, { name: "n2", state: "lost" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="F" class="stonith" type="fence_dummy"/>` + dummy("A"),
      ops: [
        { rsc: "F", node: "n1", op: "start", call: 2 },
        { rsc: "A", node: "n1", op: "monitor", rc: 7, call: 1 },
        { rsc: "A", node: "n2", op: "start", call: 2 },
      ],
    });
    const fence = find(g, "stonith-n2-reboot@n2");
    expect(fence).toMatchObject({ kind: "crm_event", task: "stonith" });
    expect(fence.attributes).toMatchObject({ CRM_meta_stonith_action: "reboot", CRM_meta_on_node: "n2" });
    expect(before(g, "stonith-n2-reboot@n2", "A_start_0@n1")).toBe(true);
    expect(g.actions.find((a) => a.operationKey === "A_stop_0")?.kind).toBe("pseudo_event");
  });

  test("instance parameters apply per node; the XML is Pacemaker's", () => {
    const rsc =
      `<primitive id="A" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="A-i"><nvpair id="A-i-1" name="fake" value="x"/></instance_attributes>` +
      `<instance_attributes id="A-r" score="10"><rule id="A-r-r" score="0"><expression id="A-r-e" attribute="#uname" operation="eq" value="n1"/></rule><nvpair id="A-r-1" name="fake" value="on-n1"/></instance_attributes></primitive>`;
    const g = graphOf({ nodes: two, resources: rsc });
    expect(find(g, "A_monitor_0@n1").attributes.fake).toBe("on-n1");
    expect(find(g, "A_monitor_0@n2").attributes.fake).toBe("x");
    const xml = parseXml(graphXml(g));
    expect(xml.name).toBe("transition_graph");
    const synapses = xml.children.filter((c) => c.name === "synapse");
    expect(synapses).toHaveLength(3);
    const startSynapse = synapses.find((s) => s.children[0].children[0].attrs.operation === "start");
    const op = startSynapse?.children[0].children[0];
    expect(op?.attrs).toMatchObject({ operation_key: "A_start_0", on_node: "n1", on_node_uuid: "1" });
    expect(op?.children.map((c) => c.name)).toEqual(["primitive", "attributes"]);
    expect(startSynapse?.children[1].children.map((t) => t.children[0].attrs.operation_key)).toEqual(["A_monitor_0", "A_monitor_0"]);
  });
  test("a notifying clone notifies its active instances before and after a start, and orderings wait for it", () => {
    const clone = `<clone id="C"><meta_attributes id="C-m"><nvpair id="C-m-1" name="notify" value="true"/></meta_attributes>${dummy("d")}</clone>`;
    const g = graphOf({
      nodes: two,
      resources: clone + dummy("B"),
      constraints: `<rsc_order id="o" first="C" then="B"/>`,
      ops: [
        { rsc: "d", node: "n1", op: "start", call: 2 },
        { rsc: "d", node: "n2", op: "monitor", call: 3, rc: 7 },
        { rsc: "B", node: "n1", op: "monitor", call: 4, rc: 7 },
        { rsc: "B", node: "n2", op: "monitor", call: 5, rc: 7 },
      ],
    });
    // d:0 runs on n1 and d:1 starts on n2: the running one hears of it before and after, the new one after.
    const executed = g.actions.filter((a) => a.kind !== "pseudo_event").map(keyOf).sort();
    expect(executed).toEqual(["B_start_0@n1", "d_post_notify_start_0@n1", "d_post_notify_start_0@n2", "d_pre_notify_start_0@n1", "d_start_0@n2"]);
    expect(keys(g)).toContain("C_confirmed-post_notify_running_0@");
    const pre = find(g, "d_pre_notify_start_0@n1");
    expect(pre.attributes).toMatchObject({
      CRM_meta_notify_type: "pre",
      CRM_meta_notify_operation: "start",
      CRM_meta_notify_start_resource: "d:1",
      CRM_meta_notify_start_uname: "n2",
      CRM_meta_notify_active_resource: "d:0",
      CRM_meta_notify_active_uname: "n1",
      CRM_meta_notify_stop_resource: " ",
      CRM_meta_notify_all_uname: "n1 n2",
    });
    expect(find(g, "d_start_0@n2").attributes).toMatchObject({ CRM_meta_notify_start_resource: "d:1" });
    expect(find(g, "d_post_notify_start_0@n2").priority).toBe(1000000);
    expect(before(g, "d_pre_notify_start_0@n1", "d_start_0@n2")).toBe(true);
    expect(before(g, "d_start_0@n2", "d_post_notify_start_0@n1")).toBe(true);
    // B waits for the clone's post notifications to be confirmed, not only for its start.
    expect(before(g, "d_post_notify_start_0@n1", "B_start_0@n1")).toBe(true);
    expect(before(g, "d_post_notify_start_0@n2", "B_start_0@n1")).toBe(true);
    const xml = graphXml(g);
    expect(xml).toContain('operation_key="C_confirmed-post_notify_running_0"');
  });

  test("recurring operations the history shows but the configuration no longer has are cancelled", () => {
    const history = [{ rsc: "A", node: "n1", op: "start", call: 2 }, { rsc: "A", node: "n1", op: "monitor", interval: 5000, call: 3 }];
    const g = graphOf({ nodes: [{ name: "n1" }], resources: withMonitor("A"), ops: history });
    expect(keys(g)).toEqual(["A_monitor_10000@n1", "A_monitor_5000@n1"]);
    const cancel = find(g, "A_monitor_5000@n1");
    expect(cancel).toMatchObject({ task: "cancel", intervalMs: 5000 });
    expect(cancel.attributes).toMatchObject({ CRM_meta_call_id: "3", CRM_meta_interval: "5000", CRM_meta_operation: "monitor" });
    const kept = graphOf({ nodes: [{ name: "n1" }], resources: withMonitor("A"), ops: history, options: { "stop-orphan-actions": "false" } });
    expect(keys(kept)).toEqual(["A_monitor_10000@n1"]);
  });

  test("no history is checked on a node shutting down: its orphaned recurring operations stop with the resource", () => {
    const history = [{ rsc: "A", node: "n1", op: "start", call: 2 }, { rsc: "A", node: "n1", op: "monitor", interval: 20000, call: 3 }, { rsc: "A", node: "n2", op: "monitor", rc: 7, call: 4 }];
    const g = graphOf({ nodes: [{ name: "n1", transient: { shutdown: "1000" } }, { name: "n2" }], resources: dummy("A"), ops: history });
    expect(g.actions.filter((a) => a.kind !== "pseudo_event").map(keyOf).sort()).toEqual(["A_start_0@n2", "A_stop_0@n1", "do_shutdown-n1@n1"]);
  });

  test("a recurring monitor whose parameters changed is rescheduled", () => {
    // Pacemaker's digest of a monitor covers the parameters and the op's timeout (30 s here).
    const withDigest = (timeout: string) => {
      const spec = { nodes: [{ name: "n1" }], resources: withMonitor("A"), ops: [{ rsc: "A", node: "n1", op: "start", call: 2 }, { rsc: "A", node: "n1", op: "monitor", interval: 10000, call: 3 }] };
      const digest = paramsDigest(new Map([["CRM_meta_timeout", timeout]]));
      const xml = buildCib(spec).replace(/(operation_key="A_monitor_10000"[^>]*op-digest=")[0-9a-f]+/, `$1${digest}`);
      return transitionGraph(parseXml(xml), Date.UTC(2024, 0, 1));
    };
    expect(keys(withDigest("30000"))).toEqual([]);
    expect(keys(withDigest("20000"))).toEqual(["A_monitor_10000@n1"]);
  });

  test("the XML comes in chunks that join to the whole graph", () => {
    const g = graphOf({ nodes: [{ name: "n1" }, { name: "n2" }, { name: "n3" }], resources: Array.from({ length: 300 }, (_, i) => dummy(`r${i}`)).join("") });
    const chunks = [...graphXmlChunks(g)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(graphXml(g));
    expect(parseXml(graphXml(g)).children.filter((c) => c.name === "synapse")).toHaveLength(g.actions.length);
  });
});
