// pcs resource move-with-constraint / ban / clear / relocate clear.
import type { CommandContext } from "../../cli/route-types.js";
import { UsageError } from "../../cib/constraints/errors.js";
import { clearPlacement, moveOrBan } from "../../cib/constraints/placement.js";
import { constraintsSection } from "../../cib/constraints/common.js";
import { detach } from "../../cib/xml.js";
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

const moveBan = (action: "move" | "ban") => async (ctx: CommandContext) => {
  if (!ctx.args.length) throw new UsageError(`must specify a resource to ${action}`);
  if (ctx.args.length > 3) throw new UsageError();
  const parsed = parseMoveBan(ctx.args);
  refuseWaitWithFile(ctx);
  await edit(ctx, (cib, reports) => moveOrBan(cib, { action, ...parsed, promoted: ctx.has("--promoted"), reports }));
};

export const moveWithConstraintCommand = moveBan("move");
export const banCommand = moveBan("ban");

export async function clearCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError("must specify a resource to clear");
  if (ctx.args.length > 2) throw new UsageError();
  const [resource, node] = ctx.args;
  refuseWaitWithFile(ctx);
  await edit(ctx, (cib, reports) => clearPlacement(cib, { resource, node, promoted: ctx.has("--promoted"), reports }));
}

/** `resource relocate clear`: drops the pcs-relocate-* constraints `relocate run` leaves. */
export async function relocateClearCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) throw new UsageError();
  await edit(ctx, (cib) => {
    const section = constraintsSection(cib);
    for (const c of [...section.children]) if (c.attrs.id?.startsWith("pcs-relocate-")) detach(c);
  });
}
