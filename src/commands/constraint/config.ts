// pcs constraint [config], and the per-type config commands.
import type { CommandContext } from "../context.js";
import { constraintsOf } from "../../cib/constraints/common.js";
import { parseTypedResource } from "../../cib/constraints/errors.js";
import { isRuleExpired } from "../../cib/constraints/expiry.js";
import { locationLines, sectionLines } from "../../cib/constraints/format.js";
import type { XmlElement } from "../../cib/xml.js";
import { UsageError } from "./common.js";

export function locationConfigLines(cib: XmlElement, opts: { args: string[]; full: boolean; all: boolean }): string[] {
  const byNode = opts.args[0] === "nodes";
  let filter: string[] | undefined;
  if (opts.args.length > 1) {
    filter = byNode
      ? opts.args.slice(1)
      : opts.args.slice(1).map((a) => {
          const t = parseTypedResource(a);
          return `${t.type}\u0000${t.value}`;
        });
  }
  return locationLines(constraintsOf(cib, "rsc_location"), {
    full: opts.full,
    byNode,
    filter,
    expired: (rule) => isRuleExpired(rule),
    showExpired: opts.all,
  });
}

const PLAIN_KEY: Record<string, string> = { rsc_order: "first", rsc_colocation: "rsc", rsc_ticket: "rsc" };
const CAPTION: Record<string, string> = {
  rsc_order: "Ordering Constraints:",
  rsc_colocation: "Colocation Constraints:",
  rsc_ticket: "Ticket Constraints:",
};

export function typeLines(cib: XmlElement, tag: keyof typeof CAPTION, full: boolean): string[] {
  return sectionLines(CAPTION[tag], constraintsOf(cib, tag), full, (e) => e.attrs[PLAIN_KEY[tag]] !== undefined);
}

/** `constraint [config]`: all four kinds. */
export async function configCommand(ctx: CommandContext): Promise<void> {
  const cib = await (await ctx.env()).readCib();
  const full = ctx.has("--full");
  const lines = locationConfigLines(cib, { args: ctx.args, full, all: ctx.has("--all") });
  if (ctx.args.length) throw new UsageError();
  lines.push(...typeLines(cib, "rsc_order", full), ...typeLines(cib, "rsc_colocation", full), ...typeLines(cib, "rsc_ticket", full));
  ctx.print(lines.join("\n"));
}

/** `constraint order|colocation|ticket [config]`. */
export const typeConfigCommand = (tag: "rsc_order" | "rsc_colocation" | "rsc_ticket") => async (ctx: CommandContext) => {
  if (ctx.args.length) throw new UsageError();
  const cib = await (await ctx.env()).readCib();
  ctx.print(typeLines(cib, tag, ctx.has("--full")).join("\n"));
};
