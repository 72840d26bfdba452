// pcs booth setup / destroy / config / ticket add|delete|remove: the booth configuration file itself.
import { randomBytes } from "node:crypto";
import type { CommandContext } from "../context.js";
import { addTicket, newBoothConfig, optionOf, removeTicket, setOption, exportBoothConfig } from "../../booth/config.js";
import {
  BOOTH_CONFIG_DIR,
  boothConfigExists,
  boothKeyExists,
  readBoothConfig,
  readBoothText,
  removeFile,
  writeBoothKey,
  writeBoothText,
} from "../../booth/files.js";
import { checkNewConfig, checkTicketAdd, checkTicketRemove } from "../../booth/validate.js";
import { errorOrForceable, ReportedError, warning } from "../../report/index.js";
import { ensureOnlySupported, groupByKeywords, InputError, optionsMap } from "../quorum/args.js";
import { boothFiles, withBoothErrors } from "./common.js";
import { boothResourcesInCib } from "./resources.js";

const AUTHKEY_BYTES = 64;
const FILE_OPTIONS = ["--booth-conf", "--booth-key", "--name"];

export async function setupCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, ["--force", ...FILE_OPTIONS]);
    const peers = groupByKeywords(ctx.args, ["sites", "arbitrators"], { once: true });
    const sites = peers.get("sites")!;
    if (!sites.length) throw new InputError();
    const files = boothFiles(ctx);
    const arbitrators = peers.get("arbitrators")!;
    ctx.reports.add(...checkNewConfig(sites, arbitrators));
    ctx.reports.throwIfErrors();
    // files given on the command line are overwritten, as pcs overwrites them
    if (!files.mocked) {
      for (const [exists, role, path] of [
        [boothKeyExists(files), "Booth key", files.keyPath],
        [boothConfigExists(files), "Booth configuration", files.configPath],
      ] as const) {
        if (exists) ctx.reports.add(errorOrForceable(true, "GENERIC", { text: `${role} file '${path}' already exists` }));
      }
      ctx.reports.throwIfErrors();
    }
    writeBoothKey(files, randomBytes(AUTHKEY_BYTES));
    writeBoothText(files, exportBoothConfig(setOption(newBoothConfig(sites, arbitrators), "authfile", files.keyPath)));
  });
}

export async function destroyCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, async () => {
    ensureOnlySupported(ctx, ["--force", "--name"]);
    if (ctx.args.length) throw new InputError();
    const files = boothFiles(ctx);
    const used = await boothResourcesInCib(ctx, files.configPath);
    if (used.length) {
      ctx.reports.add(errorOrForceable(false, "GENERIC", { text: `booth instance '${files.instance}' is used in cluster resource '${used[0].attrs.id}'` }));
    }
    ctx.reports.throwIfErrors();
    let authfile: string | undefined;
    try {
      authfile = optionOf(readBoothConfig(files), "authfile");
    } catch (e) {
      if (!(e instanceof ReportedError) || !ctx.force) throw e;
      for (const item of e.reports) ctx.reports.add({ ...item, severity: "warning" });
    }
    if (authfile) {
      const cut = authfile.lastIndexOf("/");
      if (authfile.slice(0, Math.max(cut, 0)) === BOOTH_CONFIG_DIR && authfile.slice(cut + 1)) {
        ctx.reports.add(...removeFile(authfile, "Booth key", false));
      } else {
        ctx.reports.add(warning("GENERIC", { text: `Booth key '${authfile}' is outside of supported booth config directory '${BOOTH_CONFIG_DIR}', ignoring the file` }));
      }
    }
    ctx.reports.throwIfErrors();
    ctx.reports.add(...removeFile(files.configPath, "Booth configuration", true));
    ctx.reports.throwIfErrors();
  });
}

export async function configShowCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, ["--name", "--request-timeout"]);
    if (ctx.args.length > 1) throw new InputError();
    const files = boothFiles(ctx);
    if (ctx.args.length) {
      throw new InputError(`'pcs booth config <node>' is not supported by pcs-lite yet: reading the booth configuration of another node is not implemented`);
    }
    ctx.print(readBoothText(files).trimEnd());
  });
}

export async function ticketAddCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, ["--force", ...FILE_OPTIONS]);
    if (!ctx.args.length) throw new InputError();
    const [name, ...rest] = ctx.args;
    const options = optionsMap(rest);
    const files = boothFiles(ctx);
    const mode = options.get("mode");
    if (mode !== undefined) options.set("mode", mode.toLowerCase());
    const config = readBoothConfig(files);
    ctx.reports.add(...checkTicketAdd(config, name, options));
    ctx.reports.throwIfErrors();
    writeBoothText(files, exportBoothConfig(addTicket(config, name, options)));
  });
}

export async function ticketRemoveCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, FILE_OPTIONS);
    if (ctx.args.length !== 1) throw new InputError();
    const files = boothFiles(ctx);
    const config = readBoothConfig(files);
    ctx.reports.add(...checkTicketRemove(config, ctx.args[0]));
    ctx.reports.throwIfErrors();
    writeBoothText(files, exportBoothConfig(removeTicket(config, ctx.args[0])));
  });
}
