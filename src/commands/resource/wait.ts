// --wait needs a live cluster to wait for; with -f pcs refuses it, in one of two wordings.
import { error, fail, type Reports } from "../../report/index.js";

type WithOptions = { has(option: string): boolean };

/** pcs's legacy commands: "Cannot use '-f' together with '--wait'", at once. */
export function refuseWaitWithFile(ctx: WithOptions): void {
  if (ctx.has("--wait") && ctx.has("-f")) fail("WAIT_FOR_IDLE_NOT_LIVE_CLUSTER", undefined as never);
}

/** pcs's library commands: reported through the command's reports, then fail. */
export function refuseWaitWithMockedCib(ctx: WithOptions & { reports: Reports }): void {
  if (ctx.has("--wait") && ctx.has("-f")) {
    ctx.reports.add(error("WAIT_NOT_POSSIBLE_WITH_MOCKED_CIB", undefined as never));
    ctx.reports.throwIfErrors();
  }
}
