// pcs booth create / delete|remove / restart and ticket grant|revoke: the booth instance as a cluster
// resource, and the booth daemon's tickets.
import type { CommandContext } from "../context.js";
import { readBoothText } from "../../booth/files.js";
import { error, errorOrForceable, ReportedError } from "../../report/index.js";
import { ensureOnlySupported, InputError } from "../quorum/args.js";
import { boothFiles, withBoothErrors } from "./common.js";
import { boothResourcesInCib } from "./resources.js";

const notYet = (what: string): never => {
  throw new InputError(`'pcs booth ${what}' is not supported by pcs-lite yet`);
};

export async function createCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, async () => {
    ensureOnlySupported(ctx, ["--force", "-f", "--name"]);
    if (ctx.args.length !== 2 || ctx.args[0] !== "ip") throw new InputError();
    const files = boothFiles(ctx);
    if ((await boothResourcesInCib(ctx, files.configPath)).length) {
      ctx.reports.add(error("GENERIC", { text: `booth instance '${files.instance}' is already created as cluster resource` }));
    }
    try {
      readBoothText(files);
    } catch (e) {
      if (!(e instanceof ReportedError)) throw e;
      ctx.reports.add(...e.reports);
    }
    ctx.reports.throwIfErrors();
    notYet("create");
  });
}

export async function removeCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, async () => {
    ensureOnlySupported(ctx, ["--force", "-f", "--name"]);
    if (ctx.args.length) throw new InputError();
    const files = boothFiles(ctx);
    const found = await boothResourcesInCib(ctx, files.configPath);
    if (!found.length) ctx.reports.add(error("GENERIC", { text: `booth instance '${files.instance}' not found in cib` }));
    else if (found.length > 1) ctx.reports.add(errorOrForceable(true, "GENERIC", { text: `found more than one booth instance '${files.instance}' in cib` }));
    ctx.reports.throwIfErrors();
    notYet(ctx.route.path[1]);
  });
}

export async function restartCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, async () => {
    ensureOnlySupported(ctx, ["--force", "--name"]);
    if (ctx.args.length) throw new InputError();
    const files = boothFiles(ctx);
    const found = await boothResourcesInCib(ctx, files.configPath);
    if (!found.length) ctx.reports.add(error("GENERIC", { text: `booth instance '${files.instance}' not found in cib` }));
    ctx.reports.throwIfErrors();
    notYet("restart");
  });
}
