// Placement commands on a live cluster. `resource move` (pcs 0.11 move_autoclean): add a move constraint,
// wait for the cluster, make sure the resource would stay where it went, remove the constraint, wait
// again. `move-with-constraint` / `ban` / `clear` keep their constraint; with --wait they report where the
// resource runs afterwards. Without a node, move and ban act against the node the resource runs on.
import { clearPlacement } from "../../cib/constraints/placement.js";
import { cloneElement, serializeXml, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import type { Env } from "../../env/index.js";
import { deprecation, error, fail, info, quoteList, ReportedError, Reports, type ReportItem } from "../../report/index.js";
import { UsageError } from "../../cib/constraints/errors.js";
import { banCommand, clearCommand, moveWithConstraintCommand, parseMoveBan, placeResource } from "./placement.js";
import { describeState, resourceState, runningOnNodes, sameState, type RolesWithNodes } from "./cluster-state.js";
import { refuseCibFile } from "./no-file.js";
import { waitForIdle, waitSeconds } from "./wait.js";
import { timeoutToSeconds } from "../../cib/operations.js";

const say = (item: ReportItem) => process.stderr.write(`${item.severity === "error" ? "Error: " : ""}${item.message}\n`);
const stop = (text: string): never => {
  throw new ReportedError([error("GENERIC", { text })], false);
};

/** pcs's _was_resource_moved. */
function wasMoved(node: string | undefined, before: RolesWithNodes, after: RolesWithNodes): boolean {
  const running = runningOnNodes(after);
  const hadState = Object.keys(before).length > 0;
  return !(hadState && (!running.size || (node !== undefined && !running.has(node)) || sameState(before, after)));
}

function placeConstraint(cib: XmlElement, ctx: CommandContext, args: { action: "move" | "ban"; resource: string; node?: string; lifetime?: string; reports: Reports }): void {
  placeResource(cib, { ...args, promoted: ctx.has("--promoted") });
}

async function reportAfterWait(env: Env, ctx: CommandContext, id: string, judge: (after: RolesWithNodes) => boolean): Promise<void> {
  const after = resourceState(await env.readCib(), id);
  const item = { ...info("GENERIC", { text: describeState(id, after) }), severity: judge(after) ? ("info" as const) : ("error" as const) };
  if (item.severity === "error") throw new ReportedError([item], false);
  ctx.reports.add(item);
}

const moveBanLive = (action: "move" | "ban") => async (ctx: CommandContext) => {
  if (ctx.has("-f")) return (action === "move" ? moveWithConstraintCommand : banCommand)(ctx);
  if (!ctx.args.length) throw new UsageError(`must specify a resource to ${action}`);
  if (ctx.args.length > 3) throw new UsageError();
  const { resource, node, lifetime } = parseMoveBan(ctx.args);
  const seconds = waitSeconds(ctx);
  const env = await ctx.env();
  const before = seconds === undefined ? undefined : resourceState(await env.readCib(), resource);
  await env.editCib((cib, reports) => placeConstraint(cib, ctx, { action, resource, node, lifetime, reports }), ctx.reports);
  if (seconds === undefined) return;
  printReports(ctx);
  await waitForIdle(env, seconds, `${resource} to ${action === "move" ? "move" : "leave the node"}`);
  await reportAfterWait(env, ctx, resource, (after) => {
    if (action === "move") return wasMoved(node, before!, after);
    const banned = node !== undefined ? new Set([node]) : runningOnNodes(before!);
    const running = runningOnNodes(after);
    return ![...banned].some((n) => running.has(n)) && !(Object.keys(before!).length && !running.size);
  });
};

export const moveWithConstraintLive = moveBanLive("move");
export const banLive = moveBanLive("ban");

export async function clearLive(ctx: CommandContext): Promise<void> {
  if (ctx.has("-f") || !ctx.has("--wait")) return clearCommand(ctx);
  const seconds = waitSeconds(ctx)!;
  await clearCommand(ctx);
  printReports(ctx);
  const env = await ctx.env();
  await waitForIdle(env, seconds, `${ctx.args[0]} to settle`);
  ctx.reports.add(info("GENERIC", { text: describeState(ctx.args[0], resourceState(await env.readCib(), ctx.args[0])) }));
}

/** Reports so far go out now: pcs prints each as it happens, before a long wait. */
function printReports(ctx: CommandContext): void {
  for (const item of ctx.reports.items) {
    const prefix = item.severity === "warning" ? "Warning: " : item.severity === "deprecation" ? "Deprecation Warning: " : "";
    process.stderr.write(`${prefix}${item.message}\n`);
  }
  ctx.reports.items.length = 0;
}

/** Primitive ids a schedule would start, stop, promote or demote. */
async function affectedPrimitives(cib: XmlElement): Promise<Set<string>> {
  const { schedule } = await import("../../scheduler/index.js");
  const out = new Set<string>();
  for (const plan of schedule(cib).plans.values()) {
    const roleChange = plan.rsc.running.length > 0 && plan.rsc.nextRole !== plan.rsc.role;
    if (plan.stop || (plan.start && !plan.startBlocked) || roleChange) out.add(plan.rsc.baseId);
  }
  return out;
}

function ownPrimitives(cib: XmlElement, id: string): Set<string> {
  const ids = new Set<string>([id]);
  const walk = (e: XmlElement, inside: boolean) => {
    const here = inside || e.attrs.id === id;
    if (here && e.name === "primitive" && e.attrs.id) ids.add(e.attrs.id);
    for (const c of e.children) walk(c, here);
  };
  walk(cib, false);
  return ids;
}

/** pcs's simulation that removing the move constraint would not move the resource (back) again. */
async function ensureStays(cleared: XmlElement, id: string, strict: boolean): Promise<void> {
  const affected = await affectedPrimitives(cleared);
  const own = ownPrimitives(cleared, id);
  const bad = strict ? affected.size > 0 : [...affected].some((p) => own.has(p));
  if (bad) {
    stop(`Unable to ensure that moved resource '${id}'${strict ? " or other resources" : ""} will stay on the same node after a constraint used for moving it is removed.`);
  }
}

export async function moveCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  const args = [...ctx.args];
  if (!args.length) throw new UsageError("must specify a resource to move");
  const id = args.shift()!;
  let node: string | undefined;
  if (args.length) {
    node = args.shift()!;
    if (node.startsWith("lifetime=")) ctx.reports.add(deprecation("GENERIC", { text: "Option 'lifetime' has been removed. See 'man pcs' -> Changes in pcs-0.11." }));
  }
  if (args.length) throw new UsageError();
  if (ctx.has("--autodelete")) {
    ctx.reports.add(deprecation("GENERIC", { text: "Option '--autodelete' is deprecated. There is no need to use it as its functionality is default now." }));
  }
  const waitValue = ctx.value("--wait");
  if (waitValue !== undefined && timeoutToSeconds(waitValue) === undefined) throw new UsageError(`'${waitValue}' is not a valid interval value`);
  const seconds = waitValue === undefined ? 0 : timeoutToSeconds(waitValue)!;
  const strict = ctx.has("--strict");
  const env = await ctx.env();
  const original = await env.readCib();
  const moved = cloneElement(original);
  // resource, role and node checks, and the constraint itself, as move-with-constraint makes it
  const quiet = new Reports(false);
  const before = resourceState(original, id);
  try {
    placeConstraint(moved, ctx, { action: "move", resource: id, node, reports: quiet });
  } catch (e) {
    ctx.reports.add(...quiet.items.filter((i) => i.severity === "error"));
    throw e;
  }
  const { unpackStatus } = await import("../../scheduler/status-view.js");
  const rsc = unpackStatus(original, Date.now()).primitives.filter((p) => ownPrimitives(original, id).has(p.baseId));
  if (rsc.some((p) => !p.managed)) fail("RESOURCE_IS_UNMANAGED", { resourceId: id });
  if (!runningOnNodes(before).size) stop(`It is not possible to move resource '${id}' as it is not running at the moment`);
  const cleared = cloneElement(moved);
  clearPlacement(cleared, { resource: id, node, promoted: ctx.has("--promoted"), reports: new Reports(false) });
  if (serializeXml(moved) === serializeXml(original) || serializeXml(cleared) === serializeXml(moved)) {
    ctx.reports.add(info("GENERIC", { text: "No action necessary, requested change would have no effect" }));
    return;
  }
  const affected = await affectedPrimitives(moved);
  const own = ownPrimitives(original, id);
  const others = [...affected].filter((p) => !own.has(p)).sort();
  if (strict && others.length) stop(`Moving resource '${id}' affects resource${others.length === 1 ? "" : "s"}: ${quoteList(others)}`);
  if (![...affected].some((p) => own.has(p))) {
    stop(`Unable to move resource '${id}' using a location constraint. Current location of the resource may be affected by some other constraint.`);
  }
  await env.editCib((cib) => {
    placeConstraint(cib, ctx, { action: "move", resource: id, node, reports: new Reports(false) });
  }, ctx.reports);
  printReports(ctx);
  say(info("GENERIC", { text: `Location constraint to move resource '${id}' has been created` }));
  await waitForIdle(env, seconds, `${id} to move`);
  const live = await env.readCib();
  if (!wasMoved(node, before, resourceState(live, id))) {
    stop(`Unable to move resource '${id}' using a location constraint. Current location of the resource may be affected by some other constraint.`);
  }
  const liveCleared = cloneElement(live);
  clearPlacement(liveCleared, { resource: id, node, promoted: ctx.has("--promoted"), reports: new Reports(false) });
  await ensureStays(liveCleared, id, strict);
  await env.editCib((cib) => clearPlacement(cib, { resource: id, node, promoted: ctx.has("--promoted"), reports: new Reports(false) }), ctx.reports);
  say(info("GENERIC", { text: `Location constraint created to move resource '${id}' has been removed` }));
  await waitForIdle(env, seconds, `${id} to settle`);
  await reportAfterWait(env, ctx, id, (after) => wasMoved(node, before, after));
}
