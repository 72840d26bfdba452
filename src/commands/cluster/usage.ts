// pcs's bare CmdLineInputError: the command's usage on stderr, exit 1.
import type { CommandContext } from "../context.js";
import { ReportedError } from "../../report/index.js";

/** Thrown by pure argument parsers; the command turns it into the usage text. */
export class UsageError extends Error {}

export function printUsage(ctx: CommandContext): never {
  process.stderr.write(`\nUsage: pcs ${ctx.route.path[0]} ${ctx.route.path.slice(1).join(" ")}...\n${ctx.usage.route()}\n`);
  throw new ReportedError([], false);
}

export function withUsage<T>(ctx: CommandContext, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UsageError) printUsage(ctx);
    throw e;
  }
}
