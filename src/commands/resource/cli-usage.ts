// pcs shows a command's usage (on stderr, exit 1) when its arguments do not fit the grammar.
import type { CommandContext } from "../context.js";
import { ReportedError } from "../../report/index.js";

export function usageError(ctx: CommandContext): never {
  const usage = ctx.usage.of(ctx.route.path);
  process.stderr.write((usage ?? "").replace(/\n?$/, "\n"));
  throw new ReportedError([], false);
}
