// What every booth command shares: pcs's usage header, the booth files of the command line.
import type { CommandContext } from "../context.js";
import { resolveBoothFiles, type BoothFiles } from "../../booth/files.js";
import { ReportedError } from "../../report/index.js";
import { withInputErrors } from "../quorum/args.js";

export const BOOTH_USAGE_HEADER = "booth <command>";

export const boothFiles = (ctx: CommandContext): BoothFiles =>
  resolveBoothFiles({ conf: ctx.value("--booth-conf"), key: ctx.value("--booth-key"), name: ctx.value("--name") });

/**
 * Runs a booth command body: an InputError becomes pcs's usage or message; an error of the booth files that
 * asks for pcs's closing summary line goes through the command's reports, which print that line.
 */
export async function withBoothErrors(ctx: CommandContext, body: () => void | Promise<void>): Promise<void> {
  await withInputErrors(ctx, BOOTH_USAGE_HEADER, async () => {
    try {
      await body();
    } catch (e) {
      if (!(e instanceof ReportedError) || !e.summarize || !e.reports.length) throw e;
      ctx.reports.add(...e.reports);
      throw new ReportedError([], true);
    }
  });
}
