// pcs stonith history [show [node]] | cleanup [node] | update: pcs 0.11.5 runs `stonith_admin --history
// <node|*>` with --verbose, --cleanup or --broadcast and passes its output on (show: stdout, the others:
// stderr). Here the cluster's fencer answers (fence.history, fence.history-cleanup, fence.history-update).
import type { CommandContext } from "../context.js";
import type { FenceHistoryEntry } from "../../transport/fencing-types.js";
import { fail, ReportedError } from "../../report/index.js";
import { stonithAdminHistoryLines, stonithAdminLatestLines } from "../../status/fence-history.js";
import { refuseCibFile } from "../resource/no-file.js";
import { UsageError } from "../resource/usage-error.js";
import { fencerCall, type AgentCall } from "./fence.js";

type HistoryCommand = "show" | "cleanup" | "update";

/** pcs's FenceHistoryCommandError: "Unable to <show|cleanup|update> fence history: <output>". */
async function historyCall<T>(command: HistoryCommand, call: AgentCall, method: string, params: Record<string, unknown>): Promise<T> {
  try {
    return await call<T>(method, params);
  } catch (e) {
    if (!(e instanceof ReportedError) || !e.reports.length) throw e;
    return fail("GENERIC", { text: `Unable to ${command} fence history: ${e.reports.map((r) => r.message).join("\n")}` });
  }
}

/** `history`, `history show [node]`, and (pcs's router) a usage error for any other word. */
export async function historyShowCommand(ctx: CommandContext): Promise<void> {
  const args = ctx.args[0] === "show" ? ctx.args.slice(1) : ctx.args.length ? undefined : [];
  if (args === undefined) throw new UsageError();
  refuseCibFile(ctx);
  if (args.length > 1) throw new UsageError();
  const { call } = await fencerCall(ctx);
  const target = args[0];
  const { entries } = await historyCall<{ entries: FenceHistoryEntry[] }>("show", call, "fence.history", target === undefined ? {} : { target });
  ctx.print(stonithAdminHistoryLines(entries).join("\n"));
}

export async function historyCleanupCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length > 1) throw new UsageError();
  const { call } = await fencerCall(ctx);
  const target = ctx.args[0];
  await historyCall("cleanup", call, "fence.history-cleanup", target === undefined ? {} : { target });
  // pcs asks for the history of "*" when no node is given, and stonith_admin names it so
  process.stderr.write(`cleaning up fencing-history for node ${target ?? "*"}\n`);
}

export async function historyUpdateCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length) throw new UsageError();
  const { call } = await fencerCall(ctx);
  await historyCall("update", call, "fence.history-update", {});
  const { entries } = await historyCall<{ entries: FenceHistoryEntry[] }>("update", call, "fence.history", {});
  process.stderr.write(["gather fencing-history from all nodes", ...stonithAdminLatestLines(entries)].join("\n") + "\n");
}
