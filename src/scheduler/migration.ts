// Live migration, as Pacemaker 2.1 decides and orders it: a primitive that may migrate and moves to
// another node is taken there by migrate_to (on its current node) then migrate_from (on the new one);
// its stop still runs after them, and its start becomes a pseudo event that completes the move.
import type { PrimitivePlan } from "./types.js";
import { isManaged } from "./assign.js";
import type { Act, Model } from "./graph-model.js";
import type { Cluster, Resource } from "./types.js";
import { isTrue } from "./score.js";

const REMOTE_AGENT = "ocf:pacemaker:remote";

/** allow-migrate, which remote nodes' connections default to (they should float without stopping what they host). */
export function allowsMigration(rsc: Resource): boolean {
  const value = rsc.meta.get("allow-migrate");
  if (value !== undefined) return isTrue(value);
  // (a guest node's connection moves with its guest: it migrates only when told to)
  return rsc.agent === REMOTE_AGENT && !rsc.meta.has("container");
}

/** Pacemaker's "is moving and can migrate": moving from one clean node to another, managed, not
 * failed, no start in flight, and nothing else forces a restart on the way. */
export function canMigrate(rsc: Resource, plan: PrimitivePlan, cluster: Cluster): boolean {
  const { from, to } = plan;
  if (!from || !to || from === to || rsc.noMigrate) return false;
  // a migration under way continues only between the same two nodes, with no third copy
  const partial = rsc.partialMigration;
  if (partial ? rsc.running.length !== 2 || from !== partial.source || to !== partial.target : rsc.running.length !== 1) return false;
  if (rsc.nextRole === "Stopped" || rsc.role !== rsc.nextRole) return false;
  if (!allowsMigration(rsc) || !isManaged(rsc, cluster) || rsc.failed || rsc.pendingOp === "start") return false;
  if (from.unclean || to.unclean || !from.online || !to.online) return false;
  return plan.stop && plan.start && !plan.startBlocked;
}

/** The migrate_to/migrate_from pair of a migrating primitive, with the orderings among its own actions. */
export function addMigrationActions(model: Model, rsc: Resource, plan: PrimitivePlan, key: (task: string) => string): void {
  const { from, to } = plan;
  if (!from || !to) return;
  const meta = { CRM_meta_migrate_source: from.uname, CRM_meta_migrate_target: to.uname };
  // a remote connection needs no record of a pending migrate_to: it leaves no state on the source
  const pending: Record<string, string> = rsc.agent === REMOTE_AGENT ? {} : { CRM_meta_record_pending: "true" };
  if (!plan.partial) model.add({ key: key("migrate_to"), task: "migrate_to", kind: "rsc_op", rsc, node: from, required: true, meta: { ...meta, ...pending } });
  model.add({ key: key("migrate_from"), task: "migrate_from", kind: "rsc_op", rsc, node: to, required: true, meta });
}

/** probe -> migrate_to -> migrate_from -> stop and start. */
export function migrationOrders(model: Model, rsc: Resource): void {
  const migrateTo = model.find(rsc, "migrate_to");
  const migrateFrom = model.find(rsc, "migrate_from");
  if (!migrateTo.length && !migrateFrom.length) return;
  // probes come before the migration's first action (its migrate_from when one under way continues)
  const firstStep = migrateTo.length ? migrateTo : migrateFrom;
  for (const probe of model.find(rsc, "monitor")) for (const m of firstStep) model.order(probe, m);
  for (const m of migrateTo) for (const f of migrateFrom) model.order(m, f);
  for (const f of migrateFrom) {
    for (const s of model.find(rsc, "stop")) model.order(f, s);
    for (const s of model.find(rsc, "start")) model.order(f, s);
  }
}

const BASE_TASK: Record<string, string> = { running: "start", stopped: "stop", promoted: "promote", demoted: "demote" };

/** An ordering between two unrelated resources, where one migrates, also holds for the migration:
 * what comes before the then's start (or stop, promote before start, demote before stop) comes before
 * its migrate_to; a migrating first's start is complete once its migrate_from is. */
export function migrationEquivalents(model: Model, first: Resource, firstTask: string, firstActs: Act[], then: Resource, thenTask: string): void {
  if (first === then || isAncestor(first, then) || isAncestor(then, first)) return;
  const thenMigrateTo = then.variant === "primitive" ? model.find(then, "migrate_to") : [];
  if (!thenMigrateTo.length) return;
  const ft = BASE_TASK[firstTask] ?? firstTask;
  const firstMigrateFrom = first.variant === "primitive" ? model.find(first, "migrate_from") : [];
  // Pacemaker's "apply first non-migratable": a migrating first's start or stop orders nothing here
  const firstMigrates = firstMigrateFrom.length > 0;
  const before = (firsts: Act[]) => {
    for (const a of firsts) for (const b of thenMigrateTo) model.order(a, b);
  };
  if (ft === "start" && thenTask === "start") {
    before(firstMigrateFrom);
    if (!firstMigrates) before(firstActs);
  } else if (ft === "stop" && thenTask === "stop") {
    if (!firstMigrates) before(firstActs);
  } else if ((ft === "promote" && thenTask === "start") || (ft === "demote" && thenTask === "stop")) {
    before(firstActs);
  }
}

/** Whether the action is the stop of a migrating primitive: optional orderings after it do not hold
 * (the migration, not the stop, moves it). */
export function isMigratingStop(model: Model, act: Act): boolean {
  return act.task === "stop" && !!act.rsc && act.rsc.variant === "primitive" && model.find(act.rsc, "migrate_from").length > 0;
}

function isAncestor(a: Resource, b: Resource): boolean {
  for (let r = b.parent; r; r = r.parent) if (r === a) return true;
  return false;
}
