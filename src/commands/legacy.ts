// pcs 0.11's legacy command forms, worded in one place: deprecated commands still run after a
// "Deprecation Warning", removed ones fail naming what replaced them (see `man pcs`, "Changes in pcs-0.11").
import type { CommandContext, Handler } from "./context.js";
import { fail } from "../report/index.js";

/** pcs's pointer to the changes section of its man page. */
export const seeManChanges = (version: "0.10" | "0.11"): string => `See 'man pcs' -> Changes in pcs-${version}.`;

/** Printed at once, as pcs does: before the command checks its arguments, so before any usage text or error. */
export function warnDeprecated(text: string): void {
  process.stderr.write(`Deprecation Warning: ${text}\n`);
}

/** e.g. "... Please use 'pcs pcsd status' or 'pcs status pcsd' instead." */
export const deprecatedCommandText = (...replacements: string[]): string =>
  `This command is deprecated and will be removed. Please use '${replacements.join("' or '")}' instead.`;

/** A deprecated alias: warns, then runs the command it stands for (its first replacement). */
export const deprecatedAlias =
  (replacement: string | readonly string[], handler: Handler): Handler =>
  (ctx) => {
    warnDeprecated(deprecatedCommandText(...(typeof replacement === "string" ? [replacement] : replacement)));
    return handler(ctx);
  };

/** A removed command: fails naming its replacements. */
export function commandReplaced(commands: readonly string[], version: "0.10" | "0.11" = "0.11"): never {
  return fail("GENERIC", { text: `This command has been replaced with ${commands.map((c) => `'${c}'`).join(", ")}. ${seeManChanges(version)}` });
}

/** `resource show` / `stonith show`: replaced by status (no arguments) and config (arguments or --full). */
export function showReplaced(ctx: CommandContext, keyword: "resource" | "stonith"): never {
  if (ctx.has("--groups")) commandReplaced(["pcs resource group list"]);
  if (ctx.has("--full") || ctx.args.length) commandReplaced([`pcs ${keyword} config`]);
  return commandReplaced([`pcs ${keyword} status`]);
}

/** The hint pcs adds when an old script uses the 'master' keyword of pcs 0.9 in resource create. */
export const MASTER_KEYWORD_HINT =
  "Master/Slave resources have been renamed to promotable clones, please use the 'promotable' keyword instead of 'master'. " +
  seeManChanges("0.10");
