// pcs constraint colocation / order / ticket: add, set, delete.
import type { CommandContext } from "../context.js";
import { colocationAdd, colocationRemove, colocationSet } from "../../cib/constraints/colocation.js";
import { stop } from "../../cib/constraints/errors.js";
import { parseSetArgs } from "../../cib/constraints/options.js";
import { orderAdd, orderRemove, orderSet } from "../../cib/constraints/order.js";
import { ticketAdd, ticketRemove, ticketSet } from "../../cib/constraints/ticket.js";
import { fail } from "../../report/index.js";
import { edit, UsageError } from "./common.js";

const setCommand = (create: typeof colocationSet) => async (ctx: CommandContext) => {
  const { sets, options } = parseSetArgs(ctx.args);
  await edit(ctx, (cib, reports) => create(cib, { sets, options, force: ctx.force, reports }));
};

export const colocationSetCommand = setCommand(colocationSet);
export const orderSetCommand = setCommand(orderSet);
export const ticketSetCommand = setCommand(ticketSet);

export const colocationAddCommand = (ctx: CommandContext) =>
  edit(ctx, (cib, reports) => colocationAdd(cib, { words: ctx.args, force: ctx.force, reports }));

export async function colocationRemoveCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) throw new UsageError();
  await edit(ctx, (cib) => colocationRemove(cib, ctx.args[0], ctx.args[1]));
}

/** `order [action] <rsc> then ...` (the route of `constraint order` with anything but a sub-command). */
export const orderAddCommand = (ctx: CommandContext) => edit(ctx, (cib, reports) => orderAdd(cib, { words: ctx.args, force: ctx.force, reports }));

export async function orderRemoveCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  await edit(ctx, (cib) => orderRemove(cib, ctx.args));
}

export const ticketAddCommand = (ctx: CommandContext) => edit(ctx, (cib, reports) => ticketAdd(cib, { words: ctx.args, force: ctx.force, reports }));

export async function ticketRemoveCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 2) throw new UsageError();
  await edit(ctx, (cib) => {
    if (!ticketRemove(cib, ctx.args[0], ctx.args[1])) fail("NO_MATCHING_TICKET", {});
  });
}

export { stop };
