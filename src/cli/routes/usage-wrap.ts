// Handlers that signal a usage error (pcs's CmdLineInputError without a message) get the
// command's usage printed on stderr, as pcs does.
import { ReportedError } from "../../report/index.js";
import type { Handler } from "../route-types.js";

/**
 * `usagePath`: whose usage to print, when not the route's area and command (aliases print the original's);
 * an error flagged `unknownSubcommand` gets pcs's nested router header (see cli/help.ts usageFor).
 */
export const withUsage =
  (run: Handler, usagePath?: readonly string[]): Handler =>
  async (ctx) => {
    try {
      await run(ctx);
    } catch (e) {
      if (!(e instanceof ReportedError) || !(e as { showUsage?: boolean }).showUsage) throw e;
      const text = ctx.usage.of(usagePath ?? ctx.route.path.slice(0, 2), (e as { unknownSubcommand?: boolean }).unknownSubcommand) ?? "";
      process.stderr.write(`${text}\n`);
      throw new ReportedError([], false, 1);
    }
  };
