// Handlers that signal a usage error (pcs's CmdLineInputError without a message) get the
// command's usage printed on stderr, as pcs does.
import { ReportedError } from "../../report/index.js";
import type { Handler } from "../route-types.js";

/**
 * `usagePath`: whose usage to print, when not the route's area and command (aliases print the original's).
 * An error flagged `unknownSubcommand` (a group's word followed by none of its commands) gets pcs's nested
 * router header "Usage: pcs <words> ...", with a space before the dots.
 */
export const withUsage =
  (run: Handler, usagePath?: readonly string[]): Handler =>
  async (ctx) => {
    try {
      await run(ctx);
    } catch (e) {
      if (!(e instanceof ReportedError) || !(e as { showUsage?: boolean }).showUsage) throw e;
      const words = usagePath ?? ctx.route.path.slice(0, 2);
      let text = ctx.usage.of(words) ?? "";
      if ((e as { unknownSubcommand?: boolean }).unknownSubcommand) {
        text = text.replace(`Usage: pcs ${words.join(" ")}...`, `Usage: pcs ${words.join(" ")} ...`);
      }
      process.stderr.write(`${text}\n`);
      throw new ReportedError([], false, 1);
    }
  };
