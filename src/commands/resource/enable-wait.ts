// resource|stonith enable/disable --wait[=n] on a live cluster: after the change pcs waits for the
// cluster, then says for each resource where it runs; a resource that did not end as asked is an error.
import type { CommandContext, Handler } from "../context.js";
import { error, info, ReportedError } from "../../report/index.js";
import { describeState, resourceState } from "./cluster-state.js";
import { waitForIdle, waitSeconds } from "./wait.js";

export const withWaitForState =
  (handler: Handler, enable: boolean): Handler =>
  async (ctx: CommandContext) => {
    // -f with --wait: the handler gives pcs's refusal
    const seconds = ctx.has("-f") ? undefined : waitSeconds(ctx);
    await handler(ctx);
    if (seconds === undefined) return;
    for (const item of ctx.reports.items) process.stderr.write(`${item.severity === "warning" ? "Warning: " : item.severity === "deprecation" ? "Deprecation Warning: " : ""}${item.message}\n`);
    ctx.reports.items.length = 0;
    const env = await ctx.env();
    await waitForIdle(env, seconds, `${ctx.args.join(", ")} to ${enable ? "start" : "stop"}`);
    const cib = await env.readCib();
    const failures = [];
    for (const id of ctx.args) {
      const state = resourceState(cib, id, enable);
      const running = Object.keys(state).length > 0;
      const text = describeState(id, state);
      if (running === enable) ctx.reports.add(info("GENERIC", { text }));
      else failures.push(error("GENERIC", { text }));
    }
    if (failures.length) throw new ReportedError([...ctx.reports.items.splice(0), ...failures], false);
  };
