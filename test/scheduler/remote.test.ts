// Pacemaker Remote and guest nodes: nodes defined by ocf:pacemaker:remote connections and by the
// remote-node meta attribute, online while their connection runs, actions there routed through the
// connection's cluster node and kept within its lifetime; connection failures fence remote nodes, a
// failed guest resource "fences" its guest. Expected summaries checked against crm_simulate 2.1.5.
import { parseXml } from "../../src/cib/xml-parse";
import { transitionGraph, type TransitionGraph } from "../../src/scheduler/graph";
import { schedule, transitionSummary } from "../../src/scheduler/index";
import { buildCib, dummy, type CibSpec, type OpSpec } from "./build-cib";
import { before, find } from "./graph-query";

const NOW = Date.UTC(2024, 0, 1);
const graphOf = (spec: CibSpec): TransitionGraph => transitionGraph(parseXml(buildCib(spec)), NOW);
const summaryOf = (spec: CibSpec): string[] => transitionSummary(schedule(parseXml(buildCib(spec)), NOW)).map((l) => l.trim().split(/\s+/).join(" "));

const mon = (id: string) => `<operations><op id="${id}-mon" name="monitor" interval="10s"/></operations>`;
const connection = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="remote"><operations><op id="${id}-mon" name="monitor" interval="60s"/></operations></primitive>`;
const fencer = `<primitive id="shooter" class="stonith" type="fence_xvm"/>`;
const rsc = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">${mon(id)}</primitive>`;
const vm = (id: string, guest: string) =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="${id}-m"><nvpair id="${id}-m1" name="remote-node" value="${guest}"/></meta_attributes>${mon(id)}</primitive>`;
const notHere = (id: string, ...nodes: string[]): OpSpec[] => nodes.map((node) => ({ rsc: id, node, op: "monitor", rc: 7, call: 3 }));
const withRemote = [{ name: "n1" }, { name: "n2" }, { name: "remote1", remote: true }];
const withGuest = [{ name: "n1" }, { name: "n2" }, { name: "guest1", remote: true }];

const remoteSpec = (ops: OpSpec[], constraints = ""): CibSpec => ({
  nodes: withRemote,
  options: { "stonith-enabled": "true" },
  resources: fencer + connection("remote1") + rsc("A"),
  constraints: `<rsc_location id="l1" rsc="A" node="remote1" score="100"/>${constraints}`,
  ops: [{ rsc: "shooter", node: "n1", op: "start", call: 1 }, ...ops],
});

const guestSpec = (ops: OpSpec[]): CibSpec => ({
  nodes: withGuest,
  resources: vm("VM", "guest1") + rsc("A"),
  constraints: `<rsc_location id="l1" rsc="A" node="guest1" score="100"/><rsc_location id="l2" rsc="VM" node="n1" score="50"/>`,
  ops: [{ rsc: "VM", node: "n1", op: "start", call: 1 }, { rsc: "VM", node: "n2", op: "monitor", rc: 7, call: 1 }, { rsc: "guest1", node: "n1", op: "start", call: 2 }, ...notHere("A", "n1", "n2"), ...ops],
});

describe("remote nodes", () => {
  const starting = remoteSpec([{ rsc: "A", node: "n1", op: "start", call: 2 }, ...notHere("remote1", "n1", "n2")], `<rsc_location id="l2" rsc="remote1" node="n2" score="50"/>`);

  test("a remote node comes online with its connection: what prefers it moves there once the connection is up", () => {
    expect(summaryOf(starting)).toEqual(["* Start remote1 ( n2 )", "* Move A ( n1 -> remote1 )"]);
    const g = graphOf(starting);
    const start = find(g, "A_start_0@remote1");
    expect(start.router).toBe("n2");
    expect(start.node).toEqual({ uname: "remote1", id: "remote1" });
    expect(before(g, "remote1_start_0@n2", "A_start_0@remote1")).toBe(true);
    expect(before(g, "A_monitor_0@remote1", "A_start_0@remote1")).toBe(true);
    // the old copy stops only once the connection is up
    expect(before(g, "remote1_start_0@n2", "A_stop_0@n1")).toBe(true);
  });

  test("fencing devices and connections are not probed on remote nodes", () => {
    const g = graphOf(starting);
    const probes = g.actions.filter((a) => a.node?.uname === "remote1" && a.task === "monitor" && a.intervalMs === 0).map((a) => a.operationKey);
    expect(probes).toEqual(["A_monitor_0"]);
  });

  test("a failed connection monitor fences the remote node and recovers the connection", () => {
    const spec = remoteSpec([
      { rsc: "remote1", node: "n1", op: "start", call: 2 },
      { rsc: "remote1", node: "n1", op: "monitor", interval: 60000, rc: 1, call: 4 },
      ...notHere("remote1", "n2"),
      { rsc: "A", node: "remote1", op: "start", call: 2 },
    ]);
    expect(summaryOf(spec)).toEqual([
      "* Fence (reboot) remote1 'remote connection is unrecoverable'",
      "* Move shooter ( n1 -> n2 )",
      "* Recover remote1 ( n1 )",
      "* Move A ( remote1 -> n1 )",
    ]);
    const g = graphOf(spec);
    expect(find(g, "stonith-remote1-reboot@remote1").kind).toBe("crm_event");
    expect(before(g, "stonith-remote1-reboot@remote1", "A_start_0@n1")).toBe(true);
  });
});

describe("guest nodes", () => {
  test("a guest node runs where its guest resource does: actions there carry its physical host", () => {
    const spec = guestSpec([]);
    expect(summaryOf(spec)).toEqual(["* Start A ( guest1 )"]);
    const g = graphOf(spec);
    const start = find(g, "A_start_0@guest1");
    expect(start.router).toBe("n1");
    expect(start.attributes.CRM_meta_physical_host).toBe("n1");
    expect(before(g, "A_monitor_0@guest1", "A_start_0@guest1")).toBe(true);
    // the guest resource itself is never probed on its own guest
    expect(g.actions.some((a) => a.operationKey === "VM_monitor_0" && a.node?.uname === "guest1")).toBe(false);
  });

  test("a failed guest resource fences its guest: what ran there is recovered after it", () => {
    const spec = guestSpec([{ rsc: "VM", node: "n1", op: "monitor", interval: 10000, rc: 7, call: 4 }, { rsc: "A", node: "guest1", op: "start", call: 2 }]);
    expect(summaryOf(spec)).toEqual([
      "* Fence (reboot) guest1 (resource: VM) 'guest is unclean'",
      "* Recover VM ( n1 )",
      "* Recover A ( guest1 )",
      "* Restart guest1 ( n1 ) due to required VM start",
    ]);
    const g = graphOf(spec);
    const fence = find(g, "stonith-guest1-reboot@guest1");
    expect(fence.kind).toBe("pseudo_event");
    expect(before(g, "VM_stop_0@n1", "stonith-guest1-reboot@guest1")).toBe(true);
    expect(before(g, "guest1_start_0@n1", "A_start_0@guest1")).toBe(true);
    expect(find(g, "guest1_start_0@n1").attributes.CRM_meta_container).toBe("VM");
  });
});

describe("containers", () => {
  test("a resource with a container runs with it; its failure restarts the container", () => {
    const spec: CibSpec = {
      nodes: [{ name: "n1" }, { name: "n2" }],
      resources: dummy("C") + `<primitive id="F" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="F-m"><nvpair id="F-m1" name="container" value="C"/></meta_attributes>${mon("F")}</primitive>`,
      ops: [
        { rsc: "C", node: "n1", op: "start", call: 1 },
        { rsc: "C", node: "n2", op: "monitor", rc: 7, call: 1 },
        { rsc: "F", node: "n1", op: "start", call: 2 },
        { rsc: "F", node: "n1", op: "monitor", interval: 10000, rc: 7, call: 3 },
        { rsc: "F", node: "n2", op: "monitor", rc: 7, call: 1 },
      ],
    };
    expect(summaryOf(spec)).toEqual(["* Restart C ( n1 )", "* Recover F ( n1 )"]);
    const g = graphOf(spec);
    expect(before(g, "C_start_0@n1", "F_start_0@n1")).toBe(true);
    expect(before(g, "F_stop_0@n1", "C_stop_0@n1")).toBe(true);
    // what runs inside a container is not probed
    expect(g.actions.some((a) => a.operationKey === "F_monitor_0")).toBe(false);
  });
});
