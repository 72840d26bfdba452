// Migration records in the operation history (Pacemaker's unpack_migrate_to_success,
// unpack_migrate_to_failure, unpack_migrate_from_failure): a migration that finished, failed or is
// still under way leaves the resource active on its source, its target or both. What the record
// means depends on the other end's history, so these read the status section across nodes.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";

/** A node's history of one resource (its lrm_resource), by node name and resource id. */
export type HistoryLookup = (node: string, rscId: string) => XmlElement | undefined;

export function historyLookup(status: XmlElement | undefined): HistoryLookup {
  const byNode = new Map<string, Map<string, XmlElement>>();
  for (const ns of status ? childElements(status, "node_state") : []) {
    const uname = ns.attrs.uname;
    if (!uname || byNode.has(uname)) continue;
    const lrm = firstChild(ns, "lrm");
    const resources = lrm && firstChild(lrm, "lrm_resources");
    const own = new Map<string, XmlElement>();
    for (const lr of resources ? childElements(resources, "lrm_resource") : []) if (!own.has(lr.attrs.id)) own.set(lr.attrs.id, lr);
    byNode.set(uname, own);
  }
  return (node, rscId) => byNode.get(node)?.get(rscId);
}

export interface MigrationContext {
  rscId: string;
  history: HistoryLookup;
  online: (node: string) => boolean;
}

/** What a migration record means beyond the node it is on. */
export interface MigrationEffect {
  /** The resource's role on this node; undefined when a later record supersedes this one. */
  role?: "Started" | "Stopped";
  /** The resource is active on this other node too. */
  activeOn?: string;
  /** The source still holds what a finished migration left behind: it must be stopped there. */
  dangling?: boolean;
  /** A migration under way that may continue. */
  partial?: { source: string; target: string };
  /** The migration failed and its other end is gone: recover, without migrating. */
  failedNoMigrate?: boolean;
}

const PENDING = -1;
const DONE = 0;

const opStatus = (op: XmlElement): number => Number(op.attrs["op-status"] ?? "0");
const callId = (op: XmlElement): number => Number(op.attrs["call-id"] ?? "-1");

/** The first record of a task on a node (a migration's by its other end), with the given result if any. */
function findOp(ctx: MigrationContext, task: string, node: string, otherEnd: string | undefined, rc?: number): XmlElement | undefined {
  const lr = ctx.history(node, ctx.rscId);
  for (const op of lr ? childElements(lr, "lrm_rsc_op") : []) {
    if (op.attrs.operation !== task) continue;
    if (otherEnd !== undefined && task === "migrate_to" && op.attrs.migrate_target !== otherEnd) continue;
    if (otherEnd !== undefined && task === "migrate_from" && op.attrs.migrate_source !== otherEnd) continue;
    if (rc !== undefined && (Number(op.attrs["rc-code"] ?? "1") !== rc || opStatus(op) !== DONE)) return undefined;
    return op;
  }
  return undefined;
}

/** Whether a is newer than b (pe__is_newer_op): by call id on one node, else by last-rc-change. */
function isNewer(a: XmlElement, b: XmlElement, sameNodeDefault: boolean): boolean {
  const an = a.attrs.on_node;
  const bn = b.attrs.on_node;
  const sameNode = an === undefined || bn === undefined ? sameNodeDefault : an === bn;
  const ac = callId(a);
  const bc = callId(b);
  if (ac === -1 && bc === -1) return false;
  if (ac === -1) return true;
  if (bc === -1) return false;
  if (sameNode && ac !== bc) return ac > bc;
  // (an entry without a timestamp is newer than nothing)
  const la = Number(a.attrs["last-rc-change"] ?? "-1");
  const lb = Number(b.attrs["last-rc-change"] ?? "-1");
  return lb >= 0 && la > lb;
}

function nonMonitorAfter(ctx: MigrationContext, node: string, op: XmlElement, sameNode: boolean): boolean {
  const lr = ctx.history(node, ctx.rscId);
  for (const other of lr ? childElements(lr, "lrm_rsc_op") : []) {
    if (other === op) continue;
    if (["start", "stop", "migrate_to", "migrate_from"].includes(other.attrs.operation) && isNewer(other, op, sameNode)) return true;
  }
  return false;
}

function newerStateAfterMigrate(ctx: MigrationContext, node: string, migrateTo: XmlElement | undefined, migrateFrom: XmlElement | undefined): boolean {
  const reference = migrateFrom ?? migrateTo;
  if (!reference) return false;
  let op = reference;
  let sameNode = false;
  if (node === reference.attrs.migrate_target) {
    if (migrateFrom) sameNode = true;
    else if (migrateTo) op = migrateTo;
  } else if (node === reference.attrs.migrate_source) {
    if (migrateTo) {
      op = migrateTo;
      sameNode = true;
    }
  }
  if (nonMonitorAfter(ctx, node, op, sameNode)) return true;
  const notRunning = findOp(ctx, "monitor", node, undefined, 7);
  return !!notRunning && isNewer(notRunning, op, sameNode);
}

function unknownOn(ctx: MigrationContext, node: string): boolean {
  const lr = ctx.history(node, ctx.rscId);
  return !lr || !firstChild(lr, "lrm_rsc_op");
}

export function migrateToSucceeded(ctx: MigrationContext, op: XmlElement, node: string): MigrationEffect {
  const { migrate_source: source, migrate_target: target } = op.attrs;
  if (!source || !target || source !== node) return {};
  const sourceNewer = nonMonitorAfter(ctx, source, op, true);
  const migrateFrom = findOp(ctx, "migrate_from", target, source);
  if (sourceNewer && migrateFrom) return {};
  const targetNewer = newerStateAfterMigrate(ctx, target, op, migrateFrom);
  if (sourceNewer && targetNewer) return {};
  if (migrateFrom && Number(migrateFrom.attrs["rc-code"] ?? "1") === 0 && opStatus(migrateFrom) === DONE) return { role: "Stopped", dangling: true };
  const targetUp = !targetNewer && ctx.online(target);
  if (migrateFrom && opStatus(migrateFrom) !== PENDING) return targetUp ? { role: "Started", activeOn: target } : { role: "Started", failedNoMigrate: true };
  // still under way, or finished with its record erased; a target that has no history of the resource
  // will probe it rather than count as running it (as crm_simulate 2.1.5 decides)
  if (unknownOn(ctx, target)) return { role: "Started" };
  if (targetUp) return { role: "Started", activeOn: target, partial: ctx.online(source) ? { source, target } : undefined };
  return sourceNewer ? { role: "Started" } : { role: "Started", failedNoMigrate: true };
}

export function migrateToFailed(ctx: MigrationContext, op: XmlElement, node: string): MigrationEffect {
  const { migrate_source: source, migrate_target: target } = op.attrs;
  if (!source || !target || source !== node) return {};
  const migrateFrom = findOp(ctx, "migrate_from", target, source, 0);
  if (!unknownOn(ctx, target) && !newerStateAfterMigrate(ctx, target, op, migrateFrom)) return { role: "Started", activeOn: ctx.online(target) ? target : undefined };
  return { role: "Started", dangling: !nonMonitorAfter(ctx, source, op, true) };
}

export function migrateFromFailed(ctx: MigrationContext, op: XmlElement, node: string): MigrationEffect {
  const { migrate_source: source, migrate_target: target } = op.attrs;
  if (!source || !target || target !== node) return {};
  const migrateTo = findOp(ctx, "migrate_to", source, target, 0);
  if (!unknownOn(ctx, source) && !newerStateAfterMigrate(ctx, source, migrateTo, op)) return { role: "Started", activeOn: ctx.online(source) ? source : undefined };
  return { role: "Started" };
}
