// Scheduler cases for rules found by differential testing against crm_simulate 2.1.5 (perturbed
// inputs): expected lines are what crm_simulate printed for these CIBs.
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const two = [{ name: "node1" }, { name: "node2" }];
const withFeatureSet = (xml: string) => xml.replace("<cib ", '<cib crm_feature_set="3.16.1" ');
const runningA = [{ rsc: "A", node: "node1", op: "start", call: 2 }];
const noQuorum = (xml: string) => xml.replace('have-quorum="1"', 'have-quorum="0"');
const promotable = (inner: string) => `<clone id="P"><meta_attributes id="P-m"><nvpair id="P-m1" name="promotable" value="true"/></meta_attributes>${inner}</clone>`;
const stateful = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Stateful"/>`;
const FENCE = `<primitive id="F" class="stonith" type="fence_dummy"/>`;
// two members with promotion scores and a third one lost: the partition has no quorum
const scored = [{ name: "node1", transient: { "master-S": "10" } }, { name: "node2", transient: { "master-S": "5" } }, { name: "node3", state: "lost" as const }];
const promotedS = [
  { rsc: "S", node: "node1", op: "promote", call: 3 },
  { rsc: "S", node: "node2", op: "start", call: 4 },
];

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
  {
    // without quorum a fencing device is stopped like any other resource
    name: "no-quorum-policy=stop stops a running fencing device",
    spec: { nodes: scored, options: { "no-quorum-policy": "stop", "stonith-enabled": "true" }, resources: FENCE, ops: [{ rsc: "F", node: "node1", op: "start", call: 1 }] },
    patch: noQuorum,
    expected: ["* Stop F ( node1 ) due to no quorum"],
  },
  {
    // effective_quorum_policy: instances running unpromoted or promoted carry on, demoted; the rest
    // (fencing device included) behaves as with no-quorum-policy=stop
    name: "no-quorum-policy=demote demotes promoted instances and stops everything else",
    spec: {
      nodes: scored,
      options: { "no-quorum-policy": "demote", "stonith-enabled": "true" },
      resources: FENCE + dummy("A") + dummy("B") + promotable(stateful("S")),
      ops: [{ rsc: "F", node: "node1", op: "start", call: 1 }, { rsc: "A", node: "node2", op: "start", call: 2 }, ...promotedS],
    },
    patch: noQuorum,
    expected: ["* Demote S:0 ( Promoted -> Unpromoted node1 )", "* Stop F ( node1 ) due to no quorum", "* Stop A ( node2 ) due to no quorum", "* Start B ( node1 ) due to no quorum (blocked)"],
  },
  {
    name: "no-quorum-policy=demote leaves a failed promoted instance to recover as unpromoted",
    spec: {
      nodes: scored,
      options: { "no-quorum-policy": "demote" },
      resources: promotable(stateful("S")),
      ops: [...promotedS, { rsc: "S", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 5 }],
    },
    patch: noQuorum,
    expected: ["* Recover S:0 ( Promoted -> Unpromoted node1 )"],
  },
  {
    // a group instance with a promoted member keeps its other members' role Started: those stop, and
    // the summary names the role since the instance was to be promoted
    name: "no-quorum-policy=demote stops a started member of a promoted group instance",
    spec: {
      nodes: scored,
      options: { "no-quorum-policy": "demote" },
      resources: promotable(`<group id="G">${stateful("S")}${dummy("D")}</group>`),
      ops: [{ rsc: "S", node: "node1", op: "promote", call: 3 }, { rsc: "D", node: "node1", op: "start", call: 4 }, { rsc: "S", node: "node2", op: "start", call: 5 }],
    },
    patch: noQuorum,
    expected: ["* Demote S:0 ( Promoted -> Unpromoted node1 )", "* Stop D:0 ( Started node1 ) due to no quorum", "* Start D:1 ( node2 ) due to no quorum (blocked)"],
  },
  {
    // freeze only keeps what is not active from starting: an active resource still moves
    name: "no-quorum-policy=freeze lets an active resource move",
    spec: { nodes: scored, options: { "no-quorum-policy": "freeze" }, resources: dummy("A"), constraints: `<rsc_location id="l1" rsc="A" node="node2" score="100"/>`, ops: runningA },
    patch: noQuorum,
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    name: "no-quorum-policy=freeze recovers a failed active resource",
    spec: { nodes: scored, options: { "no-quorum-policy": "freeze" }, resources: dummy("A"), ops: [...runningA, { rsc: "A", node: "node1", op: "monitor", interval: 10000, rc: 1, call: 3 }] },
    patch: noQuorum,
    expected: ["* Recover A ( node1 )"],
  },
  {
    // an unpromoted instance cannot be promoted without quorum and takes no promotion slot: the
    // promoted one keeps it although its score is lower
    name: "no-quorum-policy=freeze keeps the promoted instance over a better-scored unpromoted one",
    spec: {
      nodes: [{ name: "node1", transient: { "master-S": "5" } }, { name: "node2", transient: { "master-S": "10" } }, { name: "node3", state: "lost" }],
      options: { "no-quorum-policy": "freeze" },
      resources: promotable(stateful("S")),
      ops: promotedS,
    },
    patch: noQuorum,
    expected: [],
  },
  {
    // a stop on a node that cannot be fenced without quorum is blocked; its line gives the start's
    // reason (no quorum) while the resource has somewhere to go, node availability once it has none
    name: "a blocked stop on an unfenceable node names the start's reason: no quorum",
    spec: { nodes: scored, options: { "no-quorum-policy": "stop", "stonith-enabled": "true" }, resources: FENCE + dummy("A"), ops: [{ rsc: "F", node: "node1", op: "start", call: 1 }, { rsc: "A", node: "node3", op: "start", call: 2 }] },
    patch: noQuorum,
    expected: ["* Stop A ( node3 ) due to no quorum (blocked)", "* Stop F ( node1 ) due to no quorum"],
  },
  {
    name: "a blocked stop of a resource with no allowed node is for node availability",
    spec: {
      nodes: scored,
      options: { "no-quorum-policy": "freeze", "stonith-enabled": "true" },
      resources: FENCE + dummy("A"),
      constraints: `<rsc_location id="l1" rsc="A" node="node1" score="-INFINITY"/><rsc_location id="l2" rsc="A" node="node2" score="-INFINITY"/>`,
      ops: [{ rsc: "F", node: "node1", op: "start", call: 1 }, { rsc: "A", node: "node3", op: "start", call: 2 }],
    },
    patch: noQuorum,
    expected: ["* Stop A ( node3 ) due to node availability (blocked)"],
  },
  {
    // with freeze the start elsewhere is runnable (the resource is active): no reason to give
    name: "no-quorum-policy=freeze: a blocked stop on an unfenceable node gives no reason",
    spec: { nodes: scored, options: { "no-quorum-policy": "freeze", "stonith-enabled": "true" }, resources: FENCE + dummy("A"), ops: [{ rsc: "F", node: "node1", op: "start", call: 1 }, { rsc: "A", node: "node3", op: "start", call: 2 }] },
    patch: noQuorum,
    expected: ["* Stop A ( node3 ) blocked"],
  },
  {
    // each group member is colocated with the one before it: after an unmanaged member the rest stay
    // with it (here on a standby node: they stop), and what comes before it cannot stop before it does
    name: "group members after an unmanaged member follow it; the members before it cannot stop",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }],
      resources: `<group id="G">${dummy("A")}${dummy("B")}${dummy("C", { "is-managed": "false" })}${dummy("D")}</group>`,
      ops: ["A", "B", "C", "D"].map((rsc, i) => ({ rsc, node: "node1", op: "start", call: 10 + i })),
    },
    expected: ["* Stop A ( node1 ) due to unrunnable B stop (blocked)", "* Stop B ( node1 ) due to unrunnable C stop (blocked)", "* Stop D ( node1 ) due to node availability"],
  },
  {
    // the group's location scores go to its first member only: the member after the unmanaged one
    // follows it onto the banned node, where its start waits on the blocked chain before it
    name: "a member after an unmanaged one follows it despite the group's ban, its start blocked",
    spec: {
      nodes: two,
      resources: `<group id="G">${dummy("A")}${dummy("B", { "is-managed": "false" })}${dummy("C")}</group>`,
      constraints: `<rsc_location id="l1" rsc="G" node="node1" score="-INFINITY"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 10 },
        { rsc: "B", node: "node1", op: "start", call: 11 },
      ],
    },
    expected: ["* Stop A ( node1 ) due to unrunnable B stop (blocked)", "* Start C ( node1 ) due to unrunnable B start (blocked)"],
  },
  {
    // only a group's own chain holds stops: an explicit ordering with an unmanaged then does not
    name: "an explicit ordering with an unmanaged then does not hold the first's stop",
    spec: {
      nodes: [{ name: "node1", attrs: { standby: "on" } }, { name: "node2" }],
      resources: dummy("A") + dummy("B", { "is-managed": "false" }),
      constraints: `<rsc_order id="o1" first="A" then="B"/>`,
      ops: [
        { rsc: "A", node: "node1", op: "start", call: 10 },
        { rsc: "B", node: "node1", op: "start", call: 11 },
      ],
    },
    expected: ["* Move A ( node1 -> node2 )"],
  },
  {
    // the group's mandatory colocations bind every member after an unmanaged one
    name: "a member after an unmanaged one keeps the group's mandatory colocation",
    spec: {
      nodes: two,
      resources: dummy("X", { "target-role": "Stopped" }) + `<group id="G">${dummy("A", { "is-managed": "false" })}${dummy("B")}</group>`,
      constraints: `<rsc_colocation id="c1" rsc="G" with-rsc="X" score="INFINITY"/>`,
      ops: [{ rsc: "A", node: "node1", op: "start", call: 2 }],
    },
    expected: [],
  },
  {
    // schedule_fencing_and_shutdowns: no fencing until some resource is managed
    name: "no fencing while every resource (the fencing device too) is unmanaged",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2", state: "lost" }],
      options: { "stonith-enabled": "true" },
      resources: FENCE.replace("/>", `><meta_attributes id="F-m"><nvpair id="F-m1" name="is-managed" value="false"/></meta_attributes></primitive>`) + dummy("A", { "is-managed": "false" }),
      ops: [{ rsc: "A", node: "node2", op: "start", call: 2 }],
    },
    expected: [],
  },
  {
    name: "one managed resource is enough for an unmanaged fencing device to fence",
    spec: {
      nodes: [{ name: "node1" }, { name: "node2", state: "lost" }],
      options: { "stonith-enabled": "true" },
      resources: FENCE.replace("/>", `><meta_attributes id="F-m"><nvpair id="F-m1" name="is-managed" value="false"/></meta_attributes></primitive>`) + dummy("A"),
      ops: [{ rsc: "A", node: "node2", op: "start", call: 2 }],
    },
    expected: ["* Fence (reboot) node2 'peer is no longer part of the cluster'", "* Move A ( node2 -> node1 )"],
  },
  {
    // a record without op-digest leaves the parameters it ran with unknown
    name: "an active resource whose start record has no digest restarts",
    spec: { nodes: two, resources: dummy("A"), ops: runningA },
    patch: (xml: string) => xml.replace(/ op-digest="[^"]*"/g, ""),
    expected: ["* Restart A ( node1 ) due to resource definition change"],
  },
];
