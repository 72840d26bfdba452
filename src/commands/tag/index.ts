// pcs tag ...: thin CLI handlers; CIB edits in ./cib.ts.
import type { CommandContext } from "../context.js";
import { inputError, usageError } from "../alert/args.js";
import { createTag, removeTags, tagList, updateTag } from "./cib.js";

export async function tagCreate(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) usageError(ctx);
  const [tagId, ...idrefs] = ctx.args;
  await (await ctx.env()).editCib((cib, reports) => void reports.add(...createTag(cib, tagId, idrefs)), ctx.reports);
}

export async function tagDelete(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  await (await ctx.env()).editCib((cib, reports) => void reports.add(...removeTags(cib, ctx.args)), ctx.reports);
}

function parseUpdate(ctx: CommandContext): { add: string[]; remove: string[] } {
  const groups: Record<string, string[]> = {};
  let current: string | undefined;
  for (const arg of ctx.args.slice(1)) {
    if (arg === "add" || arg === "remove") {
      if (arg in groups) inputError(`'${arg}' cannot be used more than once`);
      groups[arg] = [];
      current = arg;
    } else if (!current) usageError(ctx);
    else groups[current].push(arg);
  }
  const none = !("add" in groups) && !("remove" in groups);
  if (none || groups.add?.length === 0 || groups.remove?.length === 0) {
    process.stderr.write("Hint: Specify at least one id for 'add' or 'remove' arguments.\n");
    usageError(ctx);
  }
  return { add: groups.add ?? [], remove: groups.remove ?? [] };
}

export async function tagUpdate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const { add, remove } = parseUpdate(ctx);
  if (ctx.has("--after") && ctx.has("--before")) inputError("Cannot specify both --before and --after");
  const adjacent = ctx.value("--after") ?? ctx.value("--before");
  await (await ctx.env()).editCib(
    (cib, reports) => void reports.add(...updateTag(cib, { tagId: ctx.args[0], add, remove, adjacent, after: ctx.has("--after") })),
    ctx.reports,
  );
}

export async function tagConfig(ctx: CommandContext): Promise<void> {
  const cib = await (await ctx.env()).readCib();
  const { tags, reports } = tagList(cib, ctx.args);
  if (reports.length) {
    ctx.reports.add(...reports);
    ctx.reports.throwIfErrors();
  }
  if (!tags.length) {
    process.stderr.write(" No tags defined\n");
    return;
  }
  ctx.print(tags.flatMap((t) => [t.tag_id, ...t.idref_list.map((id) => `  ${id}`)]).join("\n"));
}
