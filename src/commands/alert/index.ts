// pcs alert ...: thin CLI handlers; parsing here, CIB edits in ./cib.ts.
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";
import { groupByKeywords, onlyAllowed, prepareOptions, usageError } from "./args.js";
import * as alerts from "./cib.js";
import { alertConfigLines, pythonJson } from "./render.js";

function parseSections(ctx: CommandContext, args: string[]) {
  const groups = groupByKeywords(ctx, args, ["options", "meta"], "main");
  return { main: prepareOptions(groups.main), options: prepareOptions(groups.options), meta: prepareOptions(groups.meta) };
}

async function edit(ctx: CommandContext, body: Parameters<Awaited<ReturnType<CommandContext["env"]>>["editCib"]>[0]) {
  await (await ctx.env()).editCib(body, ctx.reports);
}

export async function alertCreate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const { main, options, meta } = parseSections(ctx, ctx.args);
  onlyAllowed(main, ["id", "description", "path"]);
  if (!main.path) fail("REQUIRED_OPTIONS_ARE_MISSING", { names: ["path"] });
  await edit(ctx, (cib, reports) =>
    alerts.createAlert(cib, { id: main.id, path: main.path, description: main.description, options, meta }, reports),
  );
}

export async function alertUpdate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const { main, options, meta } = parseSections(ctx, ctx.args.slice(1));
  onlyAllowed(main, ["description", "path"]);
  await edit(ctx, (cib, reports) =>
    alerts.updateAlert(cib, { id: ctx.args[0], path: main.path, description: main.description, options, meta }, reports),
  );
}

export async function alertDelete(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  await edit(ctx, (cib, reports) => alerts.removeAlerts(cib, ctx.args, reports));
}

export async function recipientAdd(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) usageError(ctx);
  const { main, options, meta } = parseSections(ctx, ctx.args.slice(1));
  onlyAllowed(main, ["description", "id", "value"]);
  if (!main.value) fail("REQUIRED_OPTIONS_ARE_MISSING", { names: ["value"] });
  await edit(ctx, (cib, reports) =>
    alerts.addRecipient(
      cib,
      { alertId: ctx.args[0], value: main.value, id: main.id, description: main.description, options, meta },
      reports,
    ),
  );
}

export async function recipientUpdate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const { main, options, meta } = parseSections(ctx, ctx.args.slice(1));
  onlyAllowed(main, ["description", "value"]);
  if (main.value === "") fail("CIB_ALERT_RECIPIENT_VALUE_INVALID", { value: "" });
  await edit(ctx, (cib, reports) =>
    alerts.updateRecipient(cib, { id: ctx.args[0], value: main.value, description: main.description, options, meta }, reports),
  );
}

export async function recipientDelete(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  await edit(ctx, (cib, reports) => alerts.removeRecipients(cib, ctx.args, reports));
}

export async function alertConfig(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  const cib = await (await ctx.env()).readCib();
  ctx.print(alertConfigLines(alerts.allAlerts(cib)).join("\n"));
}


export async function alertJson(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  const cib = await (await ctx.env()).readCib();
  ctx.print(pythonJson(alerts.allAlerts(cib)));
}
