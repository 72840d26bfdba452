// Commands pcs 0.11 removed: it names what replaced them instead of running them.
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";

const replacedBy = (commands: string[]): never =>
  fail("GENERIC", { text: `This command has been replaced with ${commands.map((c) => `'${c}'`).join(", ")}. See 'man pcs' -> Changes in pcs-0.11.` });

/** `resource show` / `stonith show`: replaced by status (no arguments) and config (arguments or --full). */
export function showReplaced(ctx: CommandContext, keyword: "resource" | "stonith"): never {
  if (keyword === "resource" && ctx.has("--groups")) replacedBy(["pcs resource group list"]);
  if (ctx.has("--full") || ctx.args.length) replacedBy([`pcs ${keyword} config`]);
  return replacedBy([`pcs ${keyword} status`]);
}
