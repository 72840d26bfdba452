// --wait needs a live cluster to wait for; with -f pcs refuses it.
import type { CommandContext } from "../../cli/route-types.js";
import { fail } from "../../report/index.js";

export function refuseWaitWithFile(ctx: CommandContext): void {
  if (ctx.has("--wait") && ctx.has("-f")) fail("WAIT_FOR_IDLE_NOT_LIVE_CLUSTER", undefined as never);
}
