// Scheduler cases for unmanaged resources among others (an unmanaged resource is pinned where it runs,
// as Pacemaker's not_managed_default location does; orderings reach a group past its unmanaged
// members): expected lines are what crm_simulate 2.1.5 printed for these CIBs (the oracle test checks them).
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const nodes = [{ name: "node1" }, { name: "node2" }];
const startedOn1 = (rsc: string, call: number) => ({ rsc, node: "node1", op: "start", call });

export const UNMANAGED_CASES: Case[] = [
  {
    name: "unmanaged: a group whose last member is unmanaged stays with it",
    spec: {
      nodes,
      resources: `<group id="G">${dummy("A")}${dummy("B")}${dummy("C", { "is-managed": "false" })}</group>`,
      constraints: `<rsc_location id="l1" rsc="G" node="node2" score="10"/>`,
      ops: [startedOn1("A", 2), startedOn1("B", 3), startedOn1("C", 4)],
    },
    expected: [],
  },
  {
    name: "unmanaged: the primary of an unmanaged dependent stays with it",
    spec: {
      nodes,
      resources: dummy("P") + dummy("D", { "is-managed": "false" }),
      constraints: `<rsc_location id="l1" rsc="P" node="node2" score="10"/><rsc_colocation id="c1" rsc="D" with-rsc="P" score="INFINITY"/>`,
      ops: [startedOn1("P", 2), startedOn1("D", 3)],
    },
    expected: [],
  },
  {
    name: "unmanaged: an ordering that blocks a group reaches the managed member after an unmanaged first",
    spec: {
      nodes,
      resources: dummy("X", { "target-role": "Stopped" }) + `<group id="G">${dummy("A", { "is-managed": "false" })}${dummy("B")}</group>`,
      constraints: `<rsc_order id="o1" first="X" then="G"/>`,
      ops: [startedOn1("A", 2), startedOn1("B", 3)],
    },
    expected: ["* Stop B ( node1 ) due to unrunnable X start"],
  },
];
