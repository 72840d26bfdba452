// pcs constraint location ...: prefers / avoids / rule / add / delete / config.
import type { CommandContext } from "../context.js";
import { locationAdd, locationPrefers, locationRemove, locationRule, ruleAdd, ruleRemove } from "../../cib/constraints/location.js";
import { parseTypedResource } from "../../cib/constraints/errors.js";
import { edit, UsageError } from "./common.js";
import { locationConfigLines } from "./config.js";
import { deprecatedCommandText, warnDeprecated } from "../legacy.js";

export async function locationCommand(ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = ctx.args;
  if (sub === undefined || sub === "config" || sub === "show") {
    return locationConfigCommand(ctx, sub === undefined ? [] : rest, sub === "show");
  }
  const only = (...allowed: string[]) => {
    const bad = [...ctx.options.keys()].filter((o) => o !== "-f" && !allowed.includes(o));
    if (bad.length) throw new UsageError(`Specified option${bad.length > 1 ? "s" : ""} ${bad.map((b) => `'${b}'`).join(", ")} ${bad.length > 1 ? "are" : "is"} not supported in this command`);
  };
  if (sub === "add") {
    only("--force");
    return edit(ctx, (cib, reports) => locationAdd(cib, { words: rest, force: ctx.force, reports, checkNodes: !ctx.has("-f") }));
  }
  if (sub === "delete" || sub === "remove") {
    only();
    if (rest.length !== 1) throw new UsageError();
    return edit(ctx, (cib) => locationRemove(cib, rest[0]));
  }
  if (rest.length < 2) throw new UsageError();
  only("--force");
  if (rest[0] === "rule") {
    return edit(ctx, (cib, reports) => locationRule(cib, { resource: sub, words: rest.slice(1), force: ctx.force, reports }));
  }
  const [how, ...nodes] = rest;
  parseTypedResource(sub);
  if (how !== "prefers" && how !== "avoids") throw new UsageError();
  return edit(ctx, (cib, reports) => locationPrefers(cib, { resource: sub, prefer: how === "prefers", nodes, force: ctx.force, reports, checkNodes: !ctx.has("-f") }));
}

async function locationConfigCommand(ctx: CommandContext, args: string[], deprecated: boolean): Promise<void> {
  if (deprecated) warnDeprecated(deprecatedCommandText("pcs constraint location config"));
  const cib = await (await ctx.env()).readCib();
  ctx.print(locationConfigLines(cib, { args, full: ctx.has("--full"), all: ctx.has("--all") }).join("\n"));
}

/** pcs constraint rule add|delete|remove. */
export async function ruleCommand(ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = ctx.args;
  if (ctx.args.length < 2) throw new UsageError();
  if (sub === "add") {
    const [constraintId, ...words] = rest;
    return edit(ctx, (cib, reports) => ruleAdd(cib, { constraintId, words, force: ctx.force, reports }));
  }
  if (sub === "delete" || sub === "remove") {
    if (ctx.has("--force")) throw new UsageError("Specified option '--force' is not supported in this command");
    return edit(ctx, (cib, reports) => ruleRemove(cib, rest[0], reports));
  }
  throw new UsageError();
}
