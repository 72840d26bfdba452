// Scheduler cases for migration records in the history (Pacemaker 2.1.5's unpack_migrate_to_success,
// unpack_migrate_to_failure, unpack_migrate_from_failure): expected lines are what crm_simulate 2.1.5
// printed for these CIBs (the oracle test checks them).
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const nodes = [{ name: "node1" }, { name: "node2" }, { name: "node3" }];
const M = dummy("M", { "allow-migrate": "true", "resource-stickiness": "100" });
const towardNode2 = { migrate_source: "node1", migrate_target: "node2" };
const started = { rsc: "M", node: "node1", op: "start", call: 2 };
const migrateTo = (rc = 0) => ({ rsc: "M", node: "node1", op: "migrate_to", rc, call: 3, attrs: towardNode2 });
const migrateFrom = (rc = 0) => ({ rsc: "M", node: "node2", op: "migrate_from", rc, call: 4, attrs: towardNode2 });
const probedOnNode2 = { rsc: "M", node: "node2", op: "monitor", rc: 7, call: 1 };
const preferNode2 = `<rsc_location id="l1" rsc="M" node="node2" score="200"/>`;

export const MIGRATION_CASES: Case[] = [
  {
    name: "migration: a failed migrate_from leaves the resource active on both ends; it is recovered on the target",
    spec: { nodes, resources: M, ops: [started, migrateTo(), migrateFrom(1)] },
    expected: ["* Recover M ( node2 )"],
  },
  {
    name: "migration: a failed migrate_to toward a node that knows the resource leaves it active on both ends",
    spec: { nodes, resources: M, ops: [started, migrateTo(1), probedOnNode2] },
    expected: ["* Recover M ( node2 )"],
  },
  {
    name: "migration: a failed migrate_to toward a node that never saw the resource is recovered where it ran",
    spec: { nodes, resources: M, ops: [started, migrateTo(1)] },
    expected: ["* Recover M ( node1 )"],
  },
  {
    name: "migration: one under way (migrate_to done, no migrate_from yet) continues to its target",
    spec: { nodes, resources: M, constraints: preferNode2, ops: [started, migrateTo(), probedOnNode2] },
    expected: ["* Migrate M ( node1 -> node2 )"],
  },
  {
    name: "migration: a migrate_to toward a node with no history of the resource leaves it on its source",
    spec: { nodes, resources: M, constraints: `<rsc_location id="l1" rsc="M" node="node3" score="500"/>`, ops: [started, migrateTo()] },
    expected: ["* Migrate M ( node1 -> node3 )"],
  },
  {
    name: "migration: a finished migration (migrate_from done) needs no summary line",
    spec: { nodes, resources: M, constraints: preferNode2, ops: [started, migrateTo(), migrateFrom()] },
    expected: [],
  },
];
