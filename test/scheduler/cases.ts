// Scheduler test cases: small CIBs and the Transition Summary lines crm_simulate 2.1.5 printed for them
// (recorded with `crm_simulate -x FILE -S`, whitespace folded).
import { buildCib, dummy, type CibSpec } from "./build-cib";
import { CLONE_CASES } from "./cases-clone";
import { GENERAL_CASES } from "./cases-general";
import { BUNDLE_CASES } from "./cases-bundle";
import { MIGRATION_CASES } from "./cases-migration";
import { UNMANAGED_CASES } from "./cases-unmanaged";

export interface Case {
  name: string;
  spec: CibSpec;
  expected: string[];
  /** Rewrites the built CIB (e.g. node_state attributes buildCib does not produce). */
  patch?: (xml: string) => string;
}

const two = [{ name: "node1" }, { name: "node2" }];

export const CASES: Case[] = [
  ...GENERAL_CASES,
  ...CLONE_CASES,
  ...BUNDLE_CASES,
  ...MIGRATION_CASES,
  ...UNMANAGED_CASES,
  {
    name: "start where the location constraint prefers",
    spec: { nodes: two, resources: dummy("A"), constraints: `<rsc_location id="l1" rsc="A" node="node2" score="100"/>` },
    expected: ["* Start A ( node2 )"],
  },
  {
    name: "move off a node in standby",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }],
      resources: dummy("A"),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "recover a failed monitor in place",
    spec: {
      nodes: two,
      resources: dummy("A"),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 3 },
      ],
    },
    expected: ["* Recover A ( node1 )"],
  },
  {
    name: "stop a disabled resource",
    spec: { nodes: two, resources: dummy("A", { "target-role": "Stopped" }), ops: [{ rsc: "A", node: "node2", op: "start", call: 2 }] },
    expected: ["* Stop A ( node2 ) due to node availability"],
  },
  {
    // Without a fencing device nothing can be done about the lost node.
    name: "no fencing device: a lost node's resource stays",
    spec: {
      nodes: [{ name: "node1", state: "lost" }, { name: "node2" }],
      options: { "stonith-enabled": "true" },
      resources: dummy("A"),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: [],
  },
  {
    name: "fence a lost node and move its resource",
    spec: {
      nodes: [{ name: "node1", state: "lost" }, { name: "node2" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="F" class="stonith" type="fence_dummy"/>` + dummy("A"),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Fence (reboot) node1 'peer is no longer part of the cluster'", "* Start F ( node2 )", "* Move A ( node1 -> node2 )"],
  },
  {
    name: "group members start together",
    spec: { nodes: two, resources: `<group id="G">${dummy("A")}${dummy("B")}</group>`, constraints: `<rsc_location id="l1" rsc="G" node="node2" score="50"/>` },
    expected: ["* Start A ( node2 )", "* Start B ( node2 )"],
  },
  {
    name: "restart the member after a recovered one",
    spec: {
      nodes: two,
      resources: `<group id="G">${dummy("A")}${dummy("B")}</group>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node1", op: "start", call: 3 },
        { rsc: "A", node: "node1", op: "monitor", interval: 10000, rc: 7, call: 4 },
      ],
    },
    expected: ["* Recover A ( node1 )", "* Restart B ( node1 ) due to required A start"],
  },
  {
    name: "migration-threshold moves a failed resource",
    spec: {
      nodes: [{ name: "node1", transient: { "fail-count-A": "3" } }, { name: "node2" }],
      resources: dummy("A", { "migration-threshold": "3" }),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "stickiness keeps a resource where it runs",
    spec: {
      nodes: two,
      resources: dummy("A", { "resource-stickiness": "200" }),
      constraints: `<rsc_location id="l1" rsc="A" node="node2" score="100"/>`,
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: [],
  },
  {
    name: "anonymous clone on every node",
    spec: { nodes: [...two, { name: "node3" }], resources: `<clone id="C">${dummy("D")}</clone>`, ops: [{ rsc: "D", node: "node2", op: "start", call: 2 }] },
    expected: ["* Start D:1 ( node1 )", "* Start D:2 ( node3 )"],
  },
  {
    name: "colocation follows the primary",
    spec: {
      nodes: two,
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_location id="l1" rsc="A" node="node2" score="100"/><rsc_colocation id="c1" rsc="B" with-rsc="A" score="INFINITY"/>`,
    },
    expected: ["* Start A ( node2 )", "* Start B ( node2 )"],
  },
  {
    name: "ordering blocks a start",
    spec: {
      nodes: two,
      resources: dummy("A", { "target-role": "Stopped" }) + dummy("B"),
      constraints: `<rsc_order id="o1" first="A" then="B"/>`,
    },
    expected: ["* Start B ( node1 ) due to unrunnable A start (blocked)"],
  },
  {
    // The recorded start digest is the one of no parameters; a parameter was added since.
    name: "restart after a parameter change",
    spec: { nodes: two, resources: dummy("A", {}, { fake: "x" }), ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }] },
    expected: ["* Restart A ( node1 ) due to resource definition change"],
  },
  {
    name: "no restart while the parameters are unchanged",
    spec: { nodes: two, resources: dummy("A"), ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }] },
    expected: [],
  },
  {
    name: "location rule comparing a node attribute with a resource parameter",
    spec: {
      nodes: [{ name: "node1", attrs: { fake: "1" } }, { name: "node2", attrs: { fake: "2" } }],
      resources: dummy("A", {}, { fake: "2" }),
      constraints: `<rsc_location id="l1" rsc="A"><rule id="r1" score="INFINITY"><expression id="e1" attribute="fake" operation="eq" value="fake" value-source="param"/></rule></rsc_location>`,
    },
    expected: ["* Start A ( node2 )"],
  },
  {
    // "as2" > "as10" as strings: integers that do not parse are compared as strings.
    name: "integer rule values that do not parse compare as strings",
    spec: {
      nodes: [{ name: "node1", attrs: { v: "as2" } }, { name: "node2", attrs: { v: "as0" } }],
      resources: dummy("A"),
      constraints: `<rsc_location id="l1" rsc="A"><rule id="r1" score="-INFINITY"><expression id="e1" attribute="v" operation="gt" type="integer" value="as10"/></rule></rsc_location>`,
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "resource defaults for one agent only",
    spec: {
      nodes: two,
      resources: dummy("A") + `<primitive id="S" class="stonith" type="fence_xvm"/>`,
      options: { "stonith-enabled": "true" },
      rscDefaults: `<meta_attributes id="d1"><rule id="d1-r" score="INFINITY"><rsc_expression id="d1-e" class="ocf" provider="pacemaker"/></rule><nvpair id="d1-n" name="target-role" value="Stopped"/></meta_attributes>`,
    },
    expected: ["* Start S ( node1 )"],
  },
  {
    name: "a stop ordered after a blocked stop is blocked",
    spec: {
      nodes: two,
      resources: dummy("A", { "target-role": "Stopped" }) + dummy("B"),
      constraints: `<rsc_order id="o1" first="B" first-action="stop" then="A" then-action="stop"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node1", op: "start", call: 3 },
        { rsc: "B", node: "node1", op: "stop", rc: 1, call: 4 },
      ],
    },
    expected: ["* Stop A ( node1 ) due to node availability (blocked)"],
  },
  {
    // A monitor expecting "not running" found it running on node2: active twice, after a failure.
    name: "recover a resource found active on two nodes after an unexpected result",
    spec: {
      nodes: two,
      resources: dummy("A"),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node2", op: "monitor", interval: 20000, expected: 7, rc: 0, call: 3 },
      ],
    },
    expected: ["* Recover A ( node1 )"],
  },
  {
    // Execution status 7: the agent is not installed on node1, which on-fail=ignore cannot ignore.
    name: "a missing agent is not ignored",
    spec: {
      nodes: two,
      resources: `<primitive id="A" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="A-mon" name="monitor" interval="10s" on-fail="ignore"/></operations></primitive>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node1", op: "monitor", interval: 10000, rc: 5, status: 7, call: 3 },
      ],
    },
    expected: ["* Recover A ( node1 -> node2 )"],
  },
  {
    name: "orphans stay with stop-orphan-resources=false",
    spec: {
      nodes: two,
      options: { "stop-orphan-resources": "false" },
      resources: dummy("A"),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node2", op: "start", call: 3 },
      ],
    },
    expected: [],
  },
  {
    name: "an offline node in maintenance keeps its resources (with fencing)",
    spec: {
      nodes: [{ name: "node1", state: "offline", attrs: { maintenance: "on" } }, { name: "node2" }],
      options: { "stonith-enabled": "true" },
      resources: dummy("A") + `<primitive id="S" class="stonith" type="fence_xvm"/>`,
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Start S ( node2 )"],
  },
  {
    name: "an offline node in maintenance without fencing runs nothing",
    spec: {
      nodes: [{ name: "node1", state: "offline", attrs: { maintenance: "on" } }, { name: "node2" }],
      resources: dummy("A"),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: ["* Start A ( node2 )"],
  },
  {
    name: "a node never unfenced is unfenced for its first probe of what needs unfencing",
    spec: {
      nodes: [{ name: "node1", transient: { "#node-unfenced": "1234" } }, { name: "node2" }],
      options: { "stonith-enabled": "true" },
      resources:
        `<primitive id="S" class="stonith" type="fence_xvm"><meta_attributes id="S-m"><nvpair id="S-m-p" name="provides" value="unfencing"/></meta_attributes></primitive>` +
        dummy("A"),
      ops: [
        { rsc: "S", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node1", op: "start", call: 3 },
        { rsc: "A", node: "node2", op: "monitor", rc: 7, call: 4 },
      ],
    },
    expected: ["* Fence (on) node2 'required by S monitor'", "* Move A ( node1 -> node2 )"],
  },
  {
    name: "a node running what needs unfencing but never unfenced restarts it after unfencing",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2", transient: { "#node-unfenced": "1234" } }],
      options: { "stonith-enabled": "true" },
      resources:
        `<primitive id="S" class="stonith" type="fence_xvm"><meta_attributes id="S-m"><nvpair id="S-m-p" name="provides" value="unfencing"/></meta_attributes></primitive>` +
        dummy("A"),
      ops: [
        { rsc: "S", node: "node2", op: "start", call: 2 },
        { rsc: "S", node: "node1", op: "monitor", rc: 7, call: 3 },
        { rsc: "A", node: "node1", op: "start", call: 4 },
        { rsc: "A", node: "node2", op: "monitor", rc: 7, call: 5 },
      ],
    },
    expected: ["* Fence (on) node1 'required by A start'", "* Restart A ( node1 ) due to required stonith"],
  },
  {
    name: "fencing enabled without a fencing device schedules nothing",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }, { name: "node3", state: "lost" }],
      options: { "stonith-enabled": "true" },
      resources: dummy("A") + dummy("B") + dummy("C", { requires: "quorum" }),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node2", op: "start", call: 3 },
        { rsc: "B", node: "node2", op: "monitor", interval: 10000, rc: 1, call: 4 },
      ],
    },
    expected: [],
  },
  {
    name: "a resource still active on a cleanly offline node gets the node fenced",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3", state: "offline" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="S" class="stonith" type="fence_xvm"/>` + dummy("A"),
      ops: [
        { rsc: "S", node: "node1", op: "start", call: 1 },
        { rsc: "A", node: "node3", op: "start", call: 2 },
      ],
    },
    expected: ["* Fence (reboot) node3 'A is thought to be active there'", "* Move A ( node3 -> node2 )"],
  },
  {
    name: "a clone instance whose stop failed goes with its fenced node; a fresh instance starts",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="S" class="stonith" type="fence_xvm"/><clone id="C-clone">${dummy("C")}</clone>`,
      ops: [
        { rsc: "S", node: "node1", op: "start", call: 1 },
        { rsc: "C", node: "node1", op: "start", call: 2 },
        { rsc: "C", node: "node2", op: "start", call: 3 },
        { rsc: "C", node: "node2", op: "stop", rc: 1, call: 4 },
      ],
    },
    expected: ["* Fence (reboot) node2 'C:1 failed there'", "* Stop C:1 ( node2 ) due to node availability", "* Start C:2 ( node3 )"],
  },
  {
    name: "shutdown-lock keeps a resource with the node shutting down instead of moving it",
    spec: {
      nodes: [{ name: "node1", transient: { shutdown: "1578347951" } }, { name: "node2" }],
      options: { "shutdown-lock": "true" },
      resources: dummy("A") + `<group id="G">${dummy("B")}${dummy("C")}</group>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node1", op: "start", call: 3 },
        { rsc: "C", node: "node2", op: "start", call: 4 },
      ],
    },
    expected: ["* Stop A ( node1 ) due to node availability", "* Stop B ( node1 ) due to node availability", "* Stop C ( node2 ) due to node availability"],
  },
  {
    name: "a node out of the membership whose controller is up and not expected is pending, not fenced",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="S" class="stonith" type="fence_xvm"/>` + dummy("A"),
      ops: [{ rsc: "S", node: "node1", op: "start", call: 1 }],
    },
    patch: (xml) => xml.replace(/<node_state id="3" uname="node3" [^>]*>/, '<node_state id="3" uname="node3" in_ccm="false" crmd="online" join="pending" expected="down">'),
    expected: ["* Start A ( node2 )"],
  },
  {
    name: "without fencing, the history of a node unexpectedly down is not used",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }],
      resources: dummy("A") + dummy("B"),
      ops: [{ rsc: "A", node: "node1", op: "start", call: 1 }],
    },
    patch: (xml) => xml.replace(/<node_state id="1" uname="node1" [^>]*>/, '<node_state id="1" uname="node1" in_ccm="true" join="member" expected="member">'),
    expected: ["* Start A ( node2 )", "* Start B ( node2 )"],
  },
  {
    name: "progressive node health adds the colour's score on the node",
    spec: {
      nodes: [{ name: "node1", transient: { "#health-disk": "yellow" } }, { name: "node2", transient: { "#health-disk": "red" } }, { name: "node3" }],
      options: { "node-health-strategy": "progressive", "node-health-yellow": "-100" },
      resources: dummy("A") + dummy("B") + dummy("C", { "allow-unhealthy-nodes": "true" }),
      constraints:
        `<rsc_location id="l1" rsc="A" node="node1" score="150"/><rsc_location id="l2" rsc="B" node="node1" score="50"/>` +
        `<rsc_location id="l3" rsc="C" node="node2" score="50"/>`,
    },
    expected: ["* Start A ( node1 )", "* Start B ( node3 )", "* Start C ( node2 )"],
  },
  {
    name: "multiple-active=stop_only stops every copy; block leaves them; a failed multi-active move is a recovery",
    spec: {
      nodes: two,
      resources: dummy("A", { "multiple-active": "stop_only" }) + dummy("B", { "multiple-active": "block" }) + dummy("C"),
      constraints: `<rsc_location id="l1" rsc="C" node="node1" score="-INFINITY"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node2", op: "start", call: 3 },
        { rsc: "B", node: "node1", op: "start", call: 4 },
        { rsc: "B", node: "node2", op: "start", call: 5 },
        { rsc: "C", node: "node1", op: "start", call: 6 },
        { rsc: "C", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 7 },
        { rsc: "C", node: "node2", op: "start", call: 8 },
      ],
    },
    expected: ["* Stop A ( node1 ) due to node availability", "* Stop A ( node2 ) due to node availability", "* Recover C ( node1 -> node2 )"],
  },
  {
    name: "restart-type=restart makes an optional stop ordering restart the then resource",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }],
      resources: dummy("A") + dummy("B", { "restart-type": "restart" }) + dummy("C"),
      constraints:
        `<rsc_order id="o1" first="A" first-action="stop" then="B" then-action="stop" kind="Optional"/>` +
        `<rsc_order id="o2" first="A" first-action="stop" then="C" then-action="stop" kind="Optional"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node2", op: "start", call: 3 },
        { rsc: "C", node: "node2", op: "start", call: 4 },
      ],
    },
    expected: ["* Move A ( node1 -> node2 )", "* Restart B ( node2 )"],
  },
  {
    name: "a start still in flight with changed parameters restarts (definition change)",
    spec: {
      nodes: two,
      resources: dummy("A", {}, { fake: "changed" }),
      ops: [{ rsc: "A", node: "node1", op: "start", call: -1, status: -1, rc: -1 }],
    },
    expected: ["* Restart A ( node1 ) due to resource definition change"],
  },
  {
    name: "reloadable parameter changes reload a started resource but restart a start in flight",
    spec: {
      nodes: two,
      resources: dummy("A", {}, { fake: "changed" }) + dummy("B", {}, { fake: "changed" }),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2, attrs: { "op-force-restart": " state ", "op-restart-digest": "f2317cad3d54cec5d7d7aa7d0bf35cf8" } },
        { rsc: "B", node: "node2", op: "start", call: -1, status: -1, rc: -1, attrs: { "op-force-restart": " state ", "op-restart-digest": "f2317cad3d54cec5d7d7aa7d0bf35cf8" } },
      ],
    },
    expected: ["* Reload A ( node1 )", "* Restart B ( node2 )"],
  },
  {
    name: "a negative sequential colocation set keeps every member away from every earlier one",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      resources: dummy("A") + dummy("B") + dummy("C") + dummy("D"),
      constraints:
        `<rsc_colocation id="c1" score="-INFINITY"><resource_set id="s1"><resource_ref id="A"/><resource_ref id="B"/>` +
        `<resource_ref id="C"/><resource_ref id="D"/></resource_set></rsc_colocation>`,
    },
    expected: ["* Start A ( node1 )", "* Start B ( node2 )", "* Start C ( node3 )"],
  },
  {
    name: "between colocation sets the first member of the first set follows the last of the second",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      resources: dummy("A") + dummy("B") + dummy("C") + dummy("D"),
      constraints:
        `<rsc_location id="l1" rsc="C" node="node3" score="100"/><rsc_location id="l2" rsc="D" node="node2" score="100"/>` +
        `<rsc_colocation id="c1" score="INFINITY"><resource_set id="s1"><resource_ref id="A"/><resource_ref id="B"/></resource_set>` +
        `<resource_set id="s2"><resource_ref id="C"/><resource_ref id="D"/></resource_set></rsc_colocation>`,
    },
    expected: ["* Start A ( node2 )", "* Start B ( node2 )", "* Start C ( node2 )", "* Start D ( node2 )"],
  },
  {
    name: "a require-all=false ordering set lets the next set start once any member can",
    spec: {
      nodes: [{ name: "node1" }],
      resources: dummy("A", { "target-role": "Stopped" }) + dummy("B") + dummy("C", { "target-role": "Stopped" }) + dummy("D") + dummy("E"),
      constraints:
        `<rsc_order id="o1"><resource_set id="any1" sequential="false" require-all="false"><resource_ref id="A"/><resource_ref id="B"/></resource_set>` +
        `<resource_set id="s2"><resource_ref id="D"/></resource_set></rsc_order>` +
        `<rsc_order id="o2"><resource_set id="any2" sequential="false" require-all="false"><resource_ref id="A"/><resource_ref id="C"/></resource_set>` +
        `<resource_set id="s3"><resource_ref id="E"/></resource_set></rsc_order>`,
    },
    expected: ["* Start B ( node1 )", "* Start D ( node1 )", "* Start E ( node1 ) due to unrunnable one-or-more:any2 (blocked)"],
  },
  {
    name: "group members after a member that cannot start again stop 'due to required' it",
    spec: {
      nodes: two,
      resources: `<group id="G1">${dummy("P", { "target-role": "Stopped" })}</group><group id="G2">${dummy("X")}${dummy("Y")}${dummy("Z")}</group>` + dummy("Q") + dummy("R"),
      constraints: `<rsc_order id="o1" first="G1" then="G2"/><rsc_order id="o2" first="P" then="Q"/><rsc_order id="o3" first="X" then="R"/>`,
      ops: [
        { rsc: "X", node: "node1", op: "start", call: 2 },
        { rsc: "Y", node: "node1", op: "start", call: 3 },
        { rsc: "Z", node: "node1", op: "start", call: 4 },
        { rsc: "Q", node: "node2", op: "start", call: 5 },
        { rsc: "R", node: "node2", op: "start", call: 6 },
      ],
    },
    expected: [
      "* Stop X ( node1 ) due to unrunnable G1 running",
      "* Stop Y ( node1 ) due to required X start",
      "* Stop Z ( node1 ) due to required Y stop",
      "* Stop Q ( node2 ) due to unrunnable P start",
      "* Stop R ( node2 ) due to required X start",
    ],
  },
  {
    name: "a cloned group after a clone that cannot run: instances stop down the chain, new ones are blocked",
    spec: {
      nodes: two,
      resources: `<clone id="C1">${dummy("P", { "target-role": "Stopped" })}</clone><clone id="C2"><group id="G2">${dummy("M1")}${dummy("M2")}${dummy("M3")}</group></clone>`,
      constraints: `<rsc_order id="o1" first="C1" then="C2"/>`,
      ops: [
        { rsc: "M1", node: "node1", op: "start", call: 2 },
        { rsc: "M2", node: "node1", op: "start", call: 3 },
        { rsc: "M3", node: "node1", op: "start", call: 4 },
      ],
    },
    expected: [
      "* Stop M1:0 ( node1 ) due to unrunnable C1 running",
      "* Stop M2:0 ( node1 ) due to required M1:0 start",
      "* Stop M3:0 ( node1 ) due to required M2:0 stop",
      "* Start M1:1 ( node2 ) due to unrunnable C1 running (blocked)",
      "* Start M2:1 ( node2 ) due to unrunnable C1 running (blocked)",
      "* Start M3:1 ( node2 ) due to unrunnable C1 running (blocked)",
    ],
  },
  {
    name: "an asymmetrical order after a disabled clone leaves a running clone alone",
    spec: {
      nodes: two,
      resources: `<clone id="C1">${dummy("P", { "target-role": "Stopped" })}</clone><clone id="C2">${dummy("Q")}</clone>`,
      constraints: `<rsc_order id="o1" first="C1" then="C2" symmetrical="false"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "Q", node: "node1", op: "start", call: 3 },
      ],
    },
    expected: ["* Stop P:0 ( node1 ) due to node availability", "* Start Q:1 ( node2 ) due to unrunnable C1 running (blocked)"],
  },
  {
    name: "a dependent of a first that stops for good names the first's (required) start",
    spec: {
      nodes: two,
      resources: dummy("B", { "target-role": "Stopped" }) + dummy("A") + dummy("C", { "target-role": "Stopped" }) + dummy("D"),
      constraints: `<rsc_order id="o1" first="B" then="A"/><rsc_order id="o2" first="C" then="D"/>`,
      ops: [
        { rsc: "B", node: "node2", op: "start", call: 2 },
        { rsc: "A", node: "node1", op: "start", call: 3 },
        { rsc: "D", node: "node1", op: "start", call: 4 },
      ],
    },
    expected: ["* Stop B ( node2 ) due to node availability", "* Stop A ( node1 ) due to required B start", "* Stop D ( node1 ) due to unrunnable C start"],
  },
  {
    name: "clone-min: what follows the clone needs that many of its instances",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      resources: `<clone id="C1">${dummy("P")}<meta_attributes id="C1-m"><nvpair id="C1-m1" name="clone-min" value="2"/></meta_attributes></clone><clone id="C2">${dummy("Q")}</clone>`,
      constraints: `<rsc_location id="l1" rsc="C1" node="node2" score="-INFINITY"/><rsc_location id="l2" rsc="C1" node="node3" score="-INFINITY"/><rsc_order id="o1" first="C1" then="C2"/>`,
    },
    expected: [
      "* Start P:0 ( node1 )",
      "* Start Q:0 ( node2 ) due to unrunnable clone-one-or-more:o1 (blocked)",
      "* Start Q:1 ( node3 ) due to unrunnable clone-one-or-more:o1 (blocked)",
      "* Start Q:2 ( node1 ) due to unrunnable clone-one-or-more:o1 (blocked)",
    ],
  },
  {
    name: "interleaved clones order instance by instance",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      resources: `<clone id="C1">${dummy("P")}</clone><clone id="C2">${dummy("Q")}<meta_attributes id="C2-m"><nvpair id="C2-m1" name="interleave" value="true"/></meta_attributes></clone>`,
      constraints: `<rsc_location id="l1" rsc="C1" node="node2" score="-INFINITY"/><rsc_order id="o1" first="C1" then="C2"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "P", node: "node2", op: "start", call: 3 },
        { rsc: "P", node: "node3", op: "start", call: 4 },
        { rsc: "P", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 5 },
        { rsc: "Q", node: "node1", op: "start", call: 6 },
        { rsc: "Q", node: "node2", op: "start", call: 7 },
        { rsc: "Q", node: "node3", op: "start", call: 8 },
      ],
    },
    expected: ["* Recover P:0 ( node1 )", "* Stop P:1 ( node2 ) due to node availability", "* Restart Q:0 ( node1 ) due to required P:0 start", "* Stop Q:1 ( node2 )"],
  },
  {
    name: "a new instance of a clone restarts what follows the whole clone (a primitive elsewhere stays)",
    spec: {
      nodes: two,
      resources: `<clone id="C">${dummy("P")}</clone>` + dummy("D") + `<clone id="E">${dummy("Q")}</clone>`,
      constraints: `<rsc_location id="l" rsc="D" node="node1" score="10"/><rsc_order id="o1" first="C" then="D"/><rsc_order id="o2" first="C" then="E"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "D", node: "node1", op: "start", call: 4 },
        { rsc: "Q", node: "node1", op: "start", call: 5 },
      ],
    },
    expected: ["* Start P:1 ( node2 )", "* Restart Q:0 ( node1 ) due to required C running", "* Start Q:1 ( node2 )"],
  },
  {
    name: "a clone's target-role is overridden by its primitive's own; unordered group members each follow an order",
    spec: {
      nodes: two,
      resources:
        `<clone id="C"><meta_attributes id="C-m"><nvpair id="C-m1" name="target-role" value="Stopped"/></meta_attributes>${dummy("P", { "target-role": "Started" })}</clone>` +
        `<clone id="E"><meta_attributes id="E-m"><nvpair id="E-m1" name="target-role" value="Stopped"/></meta_attributes>${dummy("Q")}</clone>` +
        `<group id="G"><meta_attributes id="G-m"><nvpair id="G-m1" name="ordered" value="false"/></meta_attributes>${dummy("A")}${dummy("B")}</group>`,
      constraints: `<rsc_order id="o1" first="E" then="G"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "Q", node: "node1", op: "start", call: 3 },
        { rsc: "A", node: "node1", op: "start", call: 4 },
        { rsc: "B", node: "node1", op: "start", call: 5 },
      ],
    },
    expected: [
      "* Start P:1 ( node2 )",
      "* Stop Q:0 ( node1 ) due to node availability",
      "* Stop A ( node1 ) due to unrunnable E running",
      "* Stop B ( node1 ) due to unrunnable E running",
    ],
  },
  {
    name: "a peer whose join was banned is fenced",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="S" class="stonith" type="fence_xvm"/>`,
      ops: [{ rsc: "S", node: "node1", op: "start", call: 1 }],
    },
    patch: (xml) => xml.replace(/<node_state id="3" uname="node3" [^>]*>/, '<node_state id="3" uname="node3" in_ccm="true" crmd="online" join="banned">'),
    expected: ["* Fence (reboot) node3 'peer failed Pacemaker membership criteria'"],
  },
  {
    name: "without quorum a new instance that would be promoted shows a blocked Promote",
    spec: {
      nodes: [{ name: "node1", transient: { "master-P": "10" } }, { name: "node2", transient: { "master-P": "5" } }],
      resources: `<clone id="C"><meta_attributes id="C-m"><nvpair id="C-m1" name="promotable" value="true"/></meta_attributes><primitive id="P" class="ocf" provider="pacemaker" type="Stateful"/></clone>`,
    },
    patch: (xml) => xml.replace('have-quorum="1"', 'have-quorum="0"'),
    expected: ["* Promote P:0 ( Stopped -> Promoted node1 ) blocked", "* Start P:1 ( node2 ) due to no quorum (blocked)"],
  },
  {
    name: "the promoted role colocated with a primitive that cannot start: a blocked promotion",
    spec: {
      nodes: two,
      resources:
        dummy("R1") +
        `<clone id="C"><meta_attributes id="C-m"><nvpair id="C-m1" name="promotable" value="true"/></meta_attributes>${dummy("P")}</clone>` +
        dummy("R3", { "target-role": "Stopped" }),
      constraints:
        `<rsc_colocation id="c1" rsc="C" rsc-role="Promoted" score="INFINITY" with-rsc="R1" with-rsc-role="Started"/>` +
        `<rsc_order id="o1" first="R3" then="R1"/>`,
    },
    expected: [
      "* Start R1 ( node1 ) due to unrunnable R3 start (blocked)",
      "* Promote P:1 ( Stopped -> Promoted node1 ) due to colocation with R1 (blocked)",
      "* Start P:0 ( node2 )",
    ],
  },
  {
    name: "a group member whose stop waits for a blocked later member cannot move",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }],
      resources: `<group id="G">${dummy("A")}${dummy("B")}</group>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node1", op: "start", call: 3 },
        { rsc: "B", node: "node1", op: "stop", rc: 1, call: 4 },
      ],
    },
    expected: ["* Stop A ( node1 ) due to unrunnable B stop (blocked)"],
  },
  {
    name: "a node-attribute colocation steers the primary to nodes sharing a value with the dependent's",
    spec: {
      nodes: [
        { name: "node1", attrs: { grp: "front" } },
        { name: "node2", attrs: { grp: "front" } },
        { name: "node3", attrs: { grp: "back" } },
        { name: "node4", attrs: { grp: "back" } },
      ],
      resources: dummy("A") + dummy("B"),
      constraints:
        `<rsc_location id="l1" rsc="A" node="node2" score="-INFINITY"/><rsc_location id="l2" rsc="A" node="node4" score="-INFINITY"/>` +
        `<rsc_location id="l3" rsc="B" node="node1" score="-INFINITY"/><rsc_location id="l4" rsc="B" node="node2" score="-INFINITY"/>` +
        `<rsc_location id="l5" rsc="B" node="node3" score="-INFINITY"/>` +
        `<rsc_colocation id="c1" rsc="B" with-rsc="A" node-attribute="grp" score="INFINITY"/>`,
    },
    expected: ["* Start A ( node3 )", "* Start B ( node4 )"],
  },
  {
    name: "a failed demote leaves the instance unpromoted, recovered",
    spec: {
      nodes: [{ name: "node1", transient: { "master-P": "10" } }, { name: "node2", transient: { "master-P": "5" } }],
      resources: `<clone id="C"><meta_attributes id="C-m"><nvpair id="C-m1" name="promotable" value="true"/></meta_attributes><primitive id="P" class="ocf" provider="pacemaker" type="Stateful"/></clone>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "P", node: "node1", op: "promote", call: 3 },
        { rsc: "P", node: "node1", op: "demote", rc: 1, call: 4 },
        { rsc: "P", node: "node2", op: "start", call: 5 },
      ],
    },
    expected: ["* Recover P:0 ( Unpromoted -> Promoted node1 )"],
  },
  {
    name: "a starting primitive restarts the running instances of a clone ordered after it",
    spec: {
      nodes: two,
      resources: dummy("A") + `<clone id="C">${dummy("P")}</clone>`,
      constraints: `<rsc_order id="o1" first="A" then="C"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 2 },
        { rsc: "P", node: "node2", op: "start", call: 3 },
      ],
    },
    expected: ["* Start A ( node1 )", "* Restart P:0 ( node1 ) due to required A start", "* Restart P:1 ( node2 ) due to required A start"],
  },
  {
    name: "a failed start without a fail count is recovered in place (start-failure-is-fatal acts through the fail count)",
    spec: {
      nodes: two,
      resources: dummy("A"),
      ops: [{ rsc: "A", node: "node1", op: "start", rc: 1, call: 2 }],
    },
    expected: ["* Recover A ( node1 )"],
  },
  {
    name: "a blocked clone instance is no place for what is colocated with the clone",
    spec: {
      nodes: two,
      resources:
        dummy("A") +
        `<clone id="C"><primitive id="P" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="P-mon" name="monitor" interval="10s" on-fail="block"/></operations></primitive></clone>`,
      constraints: `<rsc_colocation id="c1" rsc="A" with-rsc="C" score="INFINITY"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "P", node: "node1", op: "start", call: 3 },
        { rsc: "P", node: "node1", op: "monitor", interval: 10000, rc: 7, call: 4 },
        { rsc: "P", node: "node2", op: "start", call: 5 },
      ],
    },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "with fencing, starts wait for probes on a pending member node and are blocked",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      options: { "stonith-enabled": "true" },
      resources: `<primitive id="S" class="stonith" type="fence_xvm"/>` + dummy("A"),
    },
    patch: (xml) => xml.replace(/<node_state id="2" uname="node2" [^>]*>/, '<node_state id="2" uname="node2" in_ccm="true" crmd="online" join="pending" expected="member">'),
    expected: ["* Start S ( node1 ) blocked", "* Start A ( node3 ) blocked"],
  },
];

export const cibOf = (c: Case): string => (c.patch ? c.patch(buildCib(c.spec)) : buildCib(c.spec));
