// Scheduler cases for rules found by differential testing against crm_simulate 2.1.5 (perturbed
// inputs): expected lines are what crm_simulate printed for these CIBs.
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const two = [{ name: "node1" }, { name: "node2" }];
const withFeatureSet = (xml: string) => xml.replace("<cib ", '<cib crm_feature_set="3.16.1" ');
const runningA = [{ rsc: "A", node: "node1", op: "start", call: 2 }];

export const GENERAL_CASES: Case[] = [
  {
    // a CIB without crm_feature_set (older than 3.0.13) counts failures per resource only
    name: "fail counts: legacy per-resource count bans the node",
    spec: { nodes: [{ name: "node1", transient: { "fail-count-A": "INFINITY" } }, { name: "node2" }], resources: dummy("A"), ops: runningA },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "fail counts: per-operation counts are ignored in a legacy CIB",
    spec: { nodes: [{ name: "node1", transient: { "fail-count-A#monitor_10000": "INFINITY" } }, { name: "node2" }], resources: dummy("A"), ops: runningA },
    expected: [],
  },
  {
    name: "fail counts: per-operation counts reach migration-threshold from feature set 3.0.13",
    spec: {
      nodes: [{ name: "node1", transient: { "fail-count-A#monitor_10000": "1", "fail-count-A#start_0": "1" } }, { name: "node2" }],
      resources: dummy("A", { "migration-threshold": "2" }),
      ops: runningA,
    },
    patch: withFeatureSet,
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "fail counts: a per-resource count is ignored from feature set 3.0.13",
    spec: { nodes: [{ name: "node1", transient: { "fail-count-A": "INFINITY" } }, { name: "node2" }], resources: dummy("A"), ops: runningA },
    patch: withFeatureSet,
    expected: [],
  },
  {
    // Pacemaker assigns an unmanaged resource to its node and counts it there: new resources spread
    // to the other node first
    name: "an unmanaged resource counts toward its node's assigned resources",
    spec: { nodes: two, resources: dummy("A", { "is-managed": "false" }) + dummy("B") + dummy("C"), ops: runningA },
    expected: ["* Start B ( node2 )", "* Start C ( node1 )"],
  },
  {
    name: "a resource blocked by a failed stop counts toward its node's assigned resources",
    spec: {
      nodes: two,
      resources: dummy("A") + dummy("B") + dummy("C"),
      ops: [...runningA, { rsc: "A", node: "node1", op: "stop", rc: 1, status: 4, call: 3 }],
    },
    expected: ["* Start B ( node2 )", "* Start C ( node1 )"],
  },
  {
    // an unassigned resource's stop is for node availability, whatever orderings say later
    name: "group members with no allowed node stop for node availability, not for an unrunnable first",
    spec: {
      nodes: two,
      options: { "symmetric-cluster": "false" },
      resources: `<clone id="C">${dummy("P", { "target-role": "Stopped" })}</clone><group id="G">${dummy("A")}${dummy("B")}</group>`,
      constraints: `<rsc_order id="o1" first="C" then="G"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 1 },
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "B", node: "node1", op: "start", call: 3 },
      ],
    },
    expected: ["* Stop P:0 ( node1 ) due to node availability", "* Stop A ( node1 ) due to node availability", "* Stop B ( node1 ) due to node availability"],
  },
  {
    // instances active where they are no longer allowed are assigned last: a fresh one takes the free node
    name: "a clone instance on a banned node stops and a fresh instance starts elsewhere",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2" }, { name: "node3" }],
      resources: `<clone id="C">${dummy("P")}</clone>`,
      constraints: `<rsc_location id="l1" rsc="C" node="node1" score="-INFINITY"/>`,
      ops: [
        { rsc: "P", node: "node1", op: "start", call: 1 },
        { rsc: "P", node: "node2", op: "start", call: 2 },
      ],
    },
    expected: ["* Stop P:0 ( node1 ) due to node availability", "* Start P:2 ( node3 )"],
  },
  {
    // stickiness below 1 is not applied at all (a negative one does not push a resource away)
    name: "negative resource-stickiness is ignored",
    spec: {
      nodes: two,
      resources: dummy("A", { "resource-stickiness": "-1" }),
      constraints: `<rsc_location id="l1" rsc="A" node="node1" score="0"/>`,
      ops: [{ rsc: "A", node: "node2", op: "start", call: 2 }],
    },
    expected: [],
  },
  {
    // the restart of a multiply active resource cannot start without quorum: one Stop line, on the first node
    name: "a multiply active resource without quorum shows one stop",
    spec: {
      nodes: two,
      options: { "no-quorum-policy": "stop" },
      resources: dummy("A"),
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 2 },
        { rsc: "A", node: "node2", op: "start", call: 3 },
      ],
    },
    patch: (xml) => xml.replace('have-quorum="1"', 'have-quorum="0"'),
    expected: ["* Stop A ( node1 ) due to no quorum"],
  },
];
