// Rules of Pacemaker's scheduler the graph follows beyond placement: node shutdown, live migration,
// tickets, monitors of the Stopped role, history clean-up, fail-count expiry, anti-colocation
// orderings and actions left out because what they wait for cannot run.
import { parseXml } from "../../src/cib/xml-parse";
import { transitionGraph, type TransitionGraph } from "../../src/scheduler/graph";
import { schedule, transitionSummary } from "../../src/scheduler/index";
import { buildCib, dummy, type CibSpec } from "./build-cib";
import { before, find, keyOf } from "./graph-query";

const NOW = Date.UTC(2024, 0, 1);
const graphOf = (spec: CibSpec): TransitionGraph => transitionGraph(parseXml(buildCib(spec)), NOW);
const summaryOf = (spec: CibSpec): string[] => transitionSummary(schedule(parseXml(buildCib(spec)), NOW)).map((l) => l.trim().split(/\s+/).join(" "));
const keys = (g: TransitionGraph) => g.actions.filter((a) => a.kind !== "pseudo_event").map(keyOf).sort();
const two = [{ name: "n1" }, { name: "n2" }];
const runningOn = (rsc: string, node: string, call = 2) => [
  { rsc, node, op: "start", call },
  { rsc, node: node === "n1" ? "n2" : "n1", op: "monitor", rc: 7, call: 1 },
];
const primitive = (id: string, ops: string, meta = "") =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">${meta}<operations>${ops}</operations></primitive>`;

describe("graph rules", () => {
  test("a node shutting down gets do_shutdown once what runs there has stopped", () => {
    const g = graphOf({ nodes: [{ name: "n1", transient: { shutdown: "1700000000" } }, { name: "n2" }], resources: dummy("A"), ops: runningOn("A", "n1") });
    expect(keys(g)).toEqual(["A_start_0@n2", "A_stop_0@n1", "do_shutdown-n1@n1"]);
    const down = find(g, "do_shutdown-n1@n1");
    expect(down).toMatchObject({ kind: "crm_event", task: "do_shutdown", downed: ["1"] });
    expect(down.attributes).toMatchObject({ CRM_meta_op_no_wait: "true" });
    expect(down.attributes.CRM_meta_timeout).toBeUndefined();
    expect(before(g, "A_stop_0@n1", "do_shutdown-n1@n1")).toBe(true);
  });

  test("a resource that may migrate moves by migrate_to and migrate_from; its start is only a pseudo event", () => {
    const spec: CibSpec = {
      nodes: two,
      resources: dummy("A", { "allow-migrate": "true" }),
      constraints: `<rsc_location id="l" rsc="A" node="n2" score="100"/>`,
      ops: runningOn("A", "n1"),
    };
    const g = graphOf(spec);
    expect(keys(g)).toEqual(["A_migrate_from_0@n2", "A_migrate_to_0@n1", "A_stop_0@n1"]);
    expect(find(g, "A_migrate_to_0@n1").attributes).toMatchObject({ CRM_meta_migrate_source: "n1", CRM_meta_migrate_target: "n2", CRM_meta_record_pending: "true" });
    expect(before(g, "A_migrate_to_0@n1", "A_migrate_from_0@n2")).toBe(true);
    expect(before(g, "A_migrate_from_0@n2", "A_stop_0@n1")).toBe(true);
    expect(summaryOf(spec)).toEqual(["* Migrate A ( n1 -> n2 )"]);
    // a failed resource is recovered, never migrated
    const failed = graphOf({ ...spec, ops: [...runningOn("A", "n1"), { rsc: "A", node: "n1", op: "monitor", interval: 10000, rc: 1, call: 3 }] });
    expect(keys(failed)).toEqual(expect.arrayContaining(["A_start_0@n2", "A_stop_0@n1"]));
    expect(keys(failed).filter((k) => k.includes("migrate"))).toEqual([]);
  });

  test("without its ticket a resource stops; loss-policy=freeze leaves it where it is", () => {
    const base: CibSpec = { nodes: two, resources: dummy("A"), ops: runningOn("A", "n1"), constraints: `<rsc_ticket id="t" rsc="A" ticket="T"/>` };
    expect(keys(graphOf({ ...base, tickets: `<ticket_state id="T" granted="true"/>` }))).toEqual([]);
    expect(keys(graphOf({ ...base, tickets: `<ticket_state id="T" granted="false"/>` }))).toEqual(["A_stop_0@n1"]);
    expect(keys(graphOf(base))).toEqual(["A_stop_0@n1"]);
    expect(keys(graphOf({ ...base, tickets: `<ticket_state id="T" granted="true" standby="true"/>` }))).toEqual(["A_stop_0@n1"]);
    const frozen = { ...base, constraints: `<rsc_ticket id="t" rsc="A" ticket="T" loss-policy="freeze"/>`, tickets: `<ticket_state id="T" granted="false"/>` };
    expect(keys(graphOf(frozen))).toEqual([]);
  });

  test("a monitor of the Stopped role runs on every node but the one the resource is placed on", () => {
    const ops = `<op id="A-mon" name="monitor" interval="10s"/><op id="A-mon-stopped" name="monitor" interval="20s" role="Stopped"/>`;
    const g = graphOf({ nodes: [...two, { name: "n3" }], resources: primitive("A", ops), ops: runningOn("A", "n1") });
    expect(keys(g)).toEqual(["A_monitor_0@n3", "A_monitor_10000@n1", "A_monitor_20000@n2", "A_monitor_20000@n3"]);
    const stopped = find(g, "A_monitor_20000@n3");
    expect(stopped).toMatchObject({ targetRc: 7, intervalMs: 20000 });
    expect(stopped.attributes).toMatchObject({ CRM_meta_role: "Stopped", CRM_meta_op_target_rc: "7" });
    expect(before(g, "A_monitor_0@n3", "A_monitor_20000@n3")).toBe(true);
  });

  test("an operation configured twice with the same interval is scheduled not at all", () => {
    const ops = `<op id="A-m1" name="monitor" interval="10s" role="Promoted"/><op id="A-m2" name="monitor" interval="10s" role="Unpromoted"/>`;
    const g = graphOf({ nodes: two, resources: primitive("A", ops) });
    expect(keys(g)).toEqual(["A_monitor_0@n1", "A_monitor_0@n2", "A_start_0@n1"]);
  });

  test("the history of a resource no longer configured is deleted where the node can run actions", () => {
    const ops = [{ rsc: "gone", node: "n1", op: "monitor", rc: 7, call: 1 }, { rsc: "gone", node: "n2", op: "monitor", rc: 7, call: 1 }];
    const g = graphOf({ nodes: [{ name: "n1" }, { name: "n2", attrs: { standby: "on" } }], resources: "", ops });
    expect(keys(g)).toEqual(["gone_delete_0@n1"]);
    // left alone when orphans are not to be touched
    expect(keys(graphOf({ nodes: two, resources: "", ops, options: { "stop-orphan-resources": "false" } }))).toEqual([]);
  });

  test("an expired fail count is cleared", () => {
    const old = String(NOW / 1000 - 3600);
    const ops = [...runningOn("A", "n1"), { rsc: "A", node: "n1", op: "monitor", interval: 10000, rc: 1, call: 3, attrs: { "last-rc-change": old } }];
    const spec: CibSpec = { nodes: [{ name: "n1", transient: { "fail-count-A#monitor_10000": "1", "last-failure-A#monitor_10000": old } }, { name: "n2" }], resources: dummy("A", { "failure-timeout": "60" }), ops };
    expect(keys(graphOf(spec))).toContain("A_clear_failcount_0@n1");
    const recent = String(NOW / 1000 - 10);
    const unexpired = { ...spec, nodes: [{ name: "n1", transient: { "fail-count-A#monitor_10000": "1", "last-failure-A#monitor_10000": recent } }, { name: "n2" }] };
    expect(keys(graphOf(unexpired))).not.toContain("A_clear_failcount_0@n1");
  });

  test("resources that must never share a node: one leaves before the other arrives", () => {
    const g = graphOf({
      nodes: two,
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_location id="la" rsc="A" node="n1" score="200"/><rsc_location id="lb" rsc="B" node="n1" score="-INFINITY"/><rsc_colocation id="c" rsc="A" with-rsc="B" score="-INFINITY"/>`,
      ops: [...runningOn("B", "n1"), { rsc: "A", node: "n1", op: "monitor", rc: 7, call: 1 }, { rsc: "A", node: "n2", op: "monitor", rc: 7, call: 1 }],
    });
    expect(before(g, "B_stop_0@n1", "A_start_0@n1")).toBe(true);
    expect(before(g, "B_stop_0@n1", "B_start_0@n2")).toBe(true);
  });

  test("a stop that waits for a blocked resource's stop cannot run, nor anything after it", () => {
    const blockedB = primitive("B", `<op id="B-mon" name="monitor" interval="10s" on-fail="block"/>`);
    const g = graphOf({
      nodes: [{ name: "n1" }],
      resources: dummy("A", { "target-role": "Stopped" }) + blockedB,
      constraints: `<rsc_order id="o" first="A" then="B"/>`,
      ops: [{ rsc: "A", node: "n1", op: "start", call: 2 }, { rsc: "B", node: "n1", op: "start", call: 3 }, { rsc: "B", node: "n1", op: "monitor", interval: 10000, rc: 1, call: 4 }],
    });
    expect(keys(g)).toEqual([]);
  });

  test("with a placement strategy, a node hosts only what its capacity covers", () => {
    const cpu = (id: string, n: number) => `<utilization id="${id}-u"><nvpair id="${id}-u-cpu" name="cpu" value="${n}"/></utilization>`;
    const rsc = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">${cpu(id, 1)}</primitive>`;
    const nodes = [{ name: "n1" }, { name: "n2" }];
    const spec = (strategy: string): CibSpec => ({ nodes, resources: rsc("A") + rsc("B") + rsc("C"), options: { "placement-strategy": strategy } });
    const withCapacity = (cib: string) => cib.replace(/<node id="(\d)" uname="(n\d)">/g, (_m, id, name) => `<node id="${id}" uname="${name}">${cpu(`cap${id}`, 1)}`);
    const starts = (strategy: string) => keys(transitionGraph(parseXml(withCapacity(buildCib(spec(strategy)))), NOW)).filter((k) => k.includes("_start_"));
    expect(starts("utilization")).toHaveLength(2);
    expect(starts("default")).toHaveLength(3);
  });

  test("a primitive made from a template takes its agent and operations; its own settings win", () => {
    const resources =
      `<template id="T" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="T-m"><nvpair id="T-m-r" name="target-role" value="Stopped"/></meta_attributes>` +
      `<operations><op id="T-mon" name="monitor" interval="10s"/></operations></template>` +
      `<primitive id="A" template="T"/><primitive id="B" template="T"><meta_attributes id="B-m"><nvpair id="B-m-r" name="target-role" value="Started"/></meta_attributes></primitive>`;
    const g = graphOf({ nodes: [{ name: "n1" }], resources });
    expect(keys(g)).toEqual(["A_monitor_0@n1", "B_monitor_0@n1", "B_monitor_10000@n1", "B_start_0@n1"]);
    expect(find(g, "B_start_0@n1").rsc).toMatchObject({ class: "ocf", provider: "pacemaker", type: "Dummy" });
  });
});
