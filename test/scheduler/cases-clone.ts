// Scheduler cases for clone rules modelled on Pacemaker 2.1.5 (instance placement order, promotion
// scores before placement, anonymous history matching, roles only promotable clones have): expected
// lines are what crm_simulate 2.1.5 printed for these CIBs (the oracle test checks them).
import { createHash } from "node:crypto";
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `node${i + 1}` }));
const clone = (id: string, inner: string, meta: Record<string, string> = {}, params = "") =>
  `<clone id="${id}">${inner}${params}<meta_attributes id="${id}-m">${Object.entries(meta)
    .map(([k, v], i) => `<nvpair id="${id}-m${i}" name="${k}" value="${v}"/>`)
    .join("")}</meta_attributes></clone>`;
const stateful = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Stateful"/>`;
const started = (rsc: string, node: string, call: number) => ({ rsc, node, op: "start", call });
const probed = (rsc: string, node: string, call: number) => ({ rsc, node, op: "monitor", rc: 7, call });
/** The op-digest Pacemaker records for an operation run with these parameters. */
const digest = (params: Record<string, string>) =>
  createHash("md5")
    .update(` <parameters${Object.keys(params).sort().map((k) => ` ${k}="${params[k]}"`).join("")}/>\n`)
    .digest("hex");

export const CLONE_CASES: Case[] = [
  {
    // Promoted is a role a plain clone's instances never have: a mandatory colocation with the clone
    // takes the nodes its instances are on, whatever the role says
    name: "clones: mandatory colocation with the Promoted role of a plain clone ignores the role",
    spec: {
      nodes: nodes(2),
      resources: dummy("A") + clone("C", dummy("D")),
      constraints: `<rsc_colocation id="c1" rsc="A" with-rsc="C" with-rsc-role="Promoted" score="INFINITY"/>`,
      ops: [started("A", "node1", 2), started("D", "node1", 3), started("D", "node2", 4)],
    },
    expected: [],
  },
  {
    name: "clones: a positive colocation with the Promoted role of a primitive has no effect",
    spec: {
      nodes: nodes(2),
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_location id="l1" rsc="B" node="node2" score="50"/><rsc_colocation id="c1" rsc="A" with-rsc="B" with-rsc-role="Promoted" score="100"/>`,
      ops: [started("B", "node2", 2)],
    },
    expected: ["* Start A ( node1 )"],
  },
  {
    // the role does not match the primitive's (Started): the anti-colocation applies wherever it runs,
    // and its dependent's preference pushes the primary away
    name: "clones: a negative colocation with the Promoted role of a primitive applies where it runs",
    spec: {
      nodes: nodes(2),
      resources: dummy("A") + dummy("B"),
      constraints: `<rsc_location id="l1" rsc="A" node="node1" score="50"/><rsc_colocation id="c1" rsc="A" with-rsc="B" with-rsc-role="Promoted" score="-INFINITY"/>`,
      ops: [started("B", "node1", 2)],
    },
    expected: ["* Move B ( node1 -> node2 )", "* Start A ( node1 )"],
  },
  {
    // interleaved instances wait for the first clone's instance on their node; there is none (the first
    // clone is disabled): the instances are not placed, and not listed as blocked starts
    name: "clones: interleaved instances after a disabled clone are not placed",
    spec: {
      nodes: nodes(2),
      resources: clone("C1", dummy("D1"), { "target-role": "Stopped" }) + clone("C2", dummy("D2"), { interleave: "true" }),
      constraints: `<rsc_order id="o1" first="C1" then="C2"/>`,
    },
    expected: [],
  },
  {
    name: "clones: interleaved running instances after a disabled clone stop",
    spec: {
      nodes: nodes(2),
      resources: clone("C1", dummy("D1"), { "target-role": "Stopped" }) + clone("C2", dummy("D2"), { interleave: "true" }),
      constraints: `<rsc_order id="o1" first="C1" then="C2"/>`,
      ops: [started("D2", "node1", 2)],
    },
    expected: ["* Stop D2:0 ( node1 )"],
  },
  {
    // two numbered histories of one anonymous clone on a node (globally-unique switched off): the
    // second is an orphan instance, stopped, even with an instance number free
    name: "clones: a second numbered history on a node is an orphan instance",
    spec: {
      nodes: nodes(2),
      resources: clone("C", dummy("D"), { "clone-max": "2" }),
      ops: [started("D:0", "node1", 2), started("D:1", "node1", 3)],
    },
    expected: ["* Start D:1 ( node2 )", "* Stop D:2 ( node1 ) due to node availability"],
  },
  {
    // a cloned group's member histories go to the instance already active on the node
    name: "clones: cloned group members' histories join the instance active on their node",
    spec: {
      nodes: nodes(2),
      resources: clone("C", `<group id="G">${dummy("M1")}${dummy("M2")}</group>`, { "clone-max": "2" }),
      ops: [started("M1:1", "node1", 2), started("M2:0", "node1", 3)],
    },
    expected: ["* Start M1:1 ( node2 )", "* Start M2:1 ( node2 )"],
  },
  {
    // instance attributes of the clone are the primitive's too: they are in the recorded digest
    name: "clones: the clone's instance attributes are part of the operation digest",
    spec: {
      nodes: nodes(2),
      resources: clone("C", dummy("D", {}, { a: "1" }), {}, `<instance_attributes id="C-i"><nvpair id="C-i1" name="b" value="2"/></instance_attributes>`),
      ops: [
        { rsc: "D", node: "node1", op: "start", call: 2, attrs: { "op-digest": digest({ a: "1", b: "2" }) } },
        { rsc: "D", node: "node2", op: "start", call: 3, attrs: { "op-digest": digest({ a: "1" }) } },
      ],
    },
    expected: ["* Restart D:1 ( node2 ) due to resource definition change"],
  },
  {
    // with no history anywhere, promotion scores count on every node: the one instance goes where it
    // can be promoted
    name: "clones: a promotable instance without history is placed where its promotion score is",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3", transient: { "master-S": "10" } }],
      resources: clone("P", stateful("S"), { promotable: "true", "clone-max": "1" }),
    },
    expected: ["* Promote S:0 ( Stopped -> Promoted node3 )"],
  },
  {
    // the promotion score raises an instance's priority: instances without history are placed before
    // one probed elsewhere, and take the free nodes in order
    name: "clones: instances with promotion priority are placed before a probed one",
    spec: {
      nodes: [{ name: "node1", transient: { "master-S": "10" } }, { name: "node2" }, { name: "node3" }, { name: "node4" }],
      resources: clone("P", stateful("S"), { promotable: "true" }),
      ops: [
        { rsc: "S", node: "node1", op: "promote", call: 3 },
        probed("S", "node2", 2),
        probed("S", "node3", 2),
      ],
    },
    expected: ["* Start S:1 ( node4 )", "* Start S:2 ( node2 )", "* Start S:3 ( node3 )"],
  },
  ...[true, false].map((withMin) => ({
    // an ordering after a clone with clone-min needs only enough instances able to run: a moving
    // instance does not restart the then (without clone-min it does)
    name: `clones: an instance moving next to what is ordered after its clone ${withMin ? "with clone-min leaves it alone" : "restarts it"}`,
    spec: {
      nodes: nodes(3),
      resources: clone("C", dummy("P"), withMin ? { "clone-max": "2", "clone-min": "1" } : { "clone-max": "2" }) + dummy("F"),
      constraints: `<rsc_location id="l1" rsc="C" node="node3" score="INFINITY"/><rsc_location id="l2" rsc="F" node="node3" score="INFINITY"/><rsc_order id="o1" first="C" then="F"/>`,
      ops: [started("P", "node1", 2), started("P", "node2", 2), started("F", "node3", 3)],
    },
    expected: withMin ? ["* Move P:0 ( node1 -> node3 )"] : ["* Move P:0 ( node1 -> node3 )", "* Restart F ( node3 ) due to required C running"],
  })),
  {
    // with no promotion score an instance is promoted only where it is promoted already; the move line
    // shows both roles
    name: "clones: a promoted instance without promotion score that must move goes unpromoted",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }, { name: "node3" }],
      resources: clone("M", stateful("S"), { promotable: "true", "clone-max": "2" }),
      ops: [started("S", "node1", 2), { rsc: "S", node: "node1", op: "promote", call: 3 }, started("S", "node2", 2)],
    },
    expected: ["* Move S:0 ( Promoted node1 -> Unpromoted node3 )"],
  },
  {
    // clones are sticky by 1 unless told otherwise: a failed instance recovers in place rather than on
    // an emptier node
    name: "clones: a failed instance recovers where it ran (clones default to a stickiness of 1)",
    spec: {
      nodes: nodes(3),
      resources: dummy("X") + clone("C", dummy("P"), { "clone-max": "2" }),
      constraints: `<rsc_location id="l1" rsc="X" node="node1" score="INFINITY"/>`,
      ops: [started("P", "node1", 2), { rsc: "P", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 3 }, started("P", "node2", 2), started("X", "node1", 4)],
    },
    expected: ["* Recover P:0 ( node1 )"],
  },
];
