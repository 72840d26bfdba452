// pcs resource move-with-constraint / ban / clear / relocate clear, on a CIB file or a live cluster:
// pcs's checks, then what crm_resource does, which looks at the status section to see where the
// resource runs (a move or ban without a node bans it from there; a move to where it is refused).
import type { CommandContext } from "../context.js";
import { UsageError } from "../../cib/constraints/errors.js";
import { clearPlacement, placeMoveBan, validateMoveBan } from "../../cib/constraints/placement.js";
import { constraintsSection } from "../../cib/constraints/common.js";
import { detach, type XmlElement } from "../../cib/xml.js";
import { error, ReportedError, type Reports } from "../../report/index.js";
import { unpackStatus } from "../../scheduler/status-view.js";
import type { Resource } from "../../scheduler/types.js";
import { edit } from "../constraint/common.js";
import { refuseWaitWithFile } from "./wait.js";

export function parseMoveBan(args: string[]): { resource: string; node?: string; lifetime?: string } {
  const [resource, ...rest] = args;
  let node: string | undefined;
  let lifetime: string | undefined;
  for (const arg of rest) {
    if (arg.startsWith("lifetime=")) {
      if (lifetime) throw new UsageError();
      lifetime = arg.split("=")[1];
      if (lifetime && /^\d/.test(lifetime)) lifetime = "P" + lifetime;
    } else if (!node) node = arg;
    else throw new UsageError();
  }
  return { resource, node, lifetime };
}

interface Whereabouts {
  /** the distinct nodes the resource (any of its instances) is active on */
  active: string[];
  /** nodes of the promoted instances, one entry per instance (a promotable clone only) */
  promoted: string[];
  promotable: boolean;
  clone: boolean;
}

function primitivesOf(r: Resource): Resource[] {
  return r.variant === "primitive" ? [r] : r.children.flatMap(primitivesOf);
}

/** Where crm_resource sees the resource active (pe__find_active_requires) and promoted. */
function whereabouts(cib: XmlElement, id: string): Whereabouts {
  const cluster = unpackStatus(cib, Date.now());
  const rsc = cluster.byId.get(id);
  if (!rsc) return { active: [], promoted: [], promotable: false, clone: false };
  const active = [...new Set(primitivesOf(rsc).flatMap((p) => p.running.map((n) => n.uname)))];
  const promotable = !!rsc.clone?.promotable;
  const promoted = promotable
    ? rsc.children.flatMap((inst) => {
        const promotedHere = primitivesOf(inst).filter((p) => p.running.length && p.role === "Promoted");
        return promotedHere.length ? [promotedHere[0].running[0].uname] : [];
      })
    : [];
  return { active, promoted, promotable, clone: rsc.variant === "clone" };
}

const crmResourceError = (verb: string, id: string, text: string): never => {
  throw new ReportedError([error("GENERIC", { text: `cannot ${verb} resource '${id}'\ncrm_resource: ${text}` })], false);
};

const stoppedNoNode = (): never => {
  throw new ReportedError([error("GENERIC", { text: "You must specify a node when moving/banning a stopped resource" })], false);
};

/** crm_resource's ban_or_move: with no node, a ban where the resource (or its one promoted instance) is active. */
function nodeToBan(where: Whereabouts, verb: string, id: string): string {
  if (where.active.length === 1) return where.active[0];
  if (where.promotable) {
    if (where.promoted.length === 1) return where.promoted[0];
    if (!where.active.length) stoppedNoNode();
    crmResourceError(
      verb,
      id,
      `Resource '${id}' not moved: active in ${where.active.length} locations (promoted in ${where.promoted.length}).\n` +
        `To prevent '${id}' from running on a specific location, specify a node.To prevent '${id}' from being promoted at a specific location, specify a node and the --promoted option.`,
    );
  }
  if (!where.active.length) stoppedNoNode();
  return crmResourceError(verb, id, `Resource '${id}' not moved: active in ${where.active.length} locations.\nTo prevent '${id}' from running on a specific location, specify a node.`);
}

/** crm_resource's cli_resource_move refuses to move a resource to where it is (promoted) already. */
function refuseMoveInPlace(where: Whereabouts, promoted: boolean, id: string, node: string): void {
  let current: string | undefined;
  let count = where.active.length;
  if (count === 1) current = where.active[0];
  if (where.promotable && (promoted || where.promoted.length)) {
    count = where.promoted.length;
    current = where.promoted[count - 1];
  }
  if (count > 1) {
    if (!where.clone) crmResourceError("move", id, "Error performing operation: Multiple items match request");
    current = undefined;
  }
  if (current === node) crmResourceError("move", id, "Error performing operation: Requested item already exists");
}

export interface PlacementRequest {
  action: "move" | "ban";
  resource: string;
  node?: string;
  lifetime?: string;
  promoted: boolean;
  reports: Reports;
}

/** pcs resource move-with-constraint / ban as crm_resource carries them out; the number of CIB updates. */
export function placeResource(cib: XmlElement, request: PlacementRequest): number {
  validateMoveBan(cib, request);
  const where = whereabouts(cib, request.resource);
  if (request.node === undefined) {
    const node = nodeToBan(where, request.action, request.resource);
    return placeMoveBan(cib, { ...request, action: "ban", verb: request.action, node });
  }
  if (request.action === "move") refuseMoveInPlace(where, request.promoted, request.resource, request.node);
  return placeMoveBan(cib, { ...request, node: request.node });
}

const moveBan = (action: "move" | "ban") => async (ctx: CommandContext) => {
  if (!ctx.args.length) throw new UsageError(`must specify a resource to ${action}`);
  if (ctx.args.length > 3) throw new UsageError();
  const parsed = parseMoveBan(ctx.args);
  refuseWaitWithFile(ctx);
  await edit(ctx, (cib, reports) => placeResource(cib, { action, ...parsed, promoted: ctx.has("--promoted"), reports }));
};

export const moveWithConstraintCommand = moveBan("move");
export const banCommand = moveBan("ban");

export async function clearCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError("must specify a resource to clear");
  if (ctx.args.length > 2) throw new UsageError();
  const [resource, node] = ctx.args;
  refuseWaitWithFile(ctx);
  await edit(ctx, (cib, reports) => clearPlacement(cib, { resource, node, promoted: ctx.has("--promoted"), expired: ctx.has("--expired"), reports }));
}

/** `resource relocate clear`: drops the pcs-relocate-* constraints `relocate run` leaves. */
export async function relocateClearCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) throw new UsageError();
  await edit(ctx, (cib) => {
    const section = constraintsSection(cib);
    for (const c of [...section.children]) if (c.attrs.id?.startsWith("pcs-relocate-")) detach(c);
  });
}
