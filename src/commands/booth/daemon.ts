// The booth daemon of this node: its tickets (booth grant/revoke), status, systemd unit, and the
// configuration exchange with other nodes. Programs get a deadline and never a shell.
import type { CommandContext } from "../context.js";
import { processRunner } from "../../host/runner.js";
import { fail } from "../../report/index.js";
import { ensureOnlySupported, InputError } from "../quorum/args.js";
import { boothFiles, withBoothErrors } from "./common.js";

const BOOTH_BINARY = "/usr/sbin/booth";
const DEADLINE_MS = 30_000;
const DONE = { enable: "enabled", disable: "disabled", start: "started", stop: "stopped" } as const;

async function runBooth(args: string[]): Promise<string> {
  const result = await processRunner(BOOTH_BINARY, args, { timeoutMs: DEADLINE_MS });
  const line = `${BOOTH_BINARY} ${args.join(" ")}`;
  if (result.code === 127 && /ENOENT/.test(result.stderr)) fail("GENERIC", { text: `unable to run command ${line}: No such file or directory` });
  if (result.timedOut) fail("GENERIC", { text: `unable to run command ${line}: timed out` });
  if (result.code !== 0) fail("GENERIC", { text: (result.stderr + result.stdout).trim() });
  return result.stdout;
}

function ticketCommand(action: "grant" | "revoke") {
  return async (ctx: CommandContext): Promise<void> => {
    await withBoothErrors(ctx, async () => {
      ensureOnlySupported(ctx, ["--name"]);
      if (ctx.args.length !== 1 && ctx.args.length !== 2) throw new InputError();
      boothFiles(ctx);
      const [ticket, site] = ctx.args;
      if (site === undefined) throw new InputError(`'pcs booth ticket ${action}' without a site address is not supported by pcs-lite yet`);
      await runBooth([action, "-s", site, ticket]);
    });
  };
}

export const ticketGrantCommand = ticketCommand("grant");
export const ticketRevokeCommand = ticketCommand("revoke");

export async function statusCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, async () => {
    ensureOnlySupported(ctx, ["--name"]);
    if (ctx.args.length) throw new InputError();
    const { instance } = boothFiles(ctx);
    const tickets = await runBooth(["list", "-c", instance]);
    const peers = await runBooth(["peers", "-c", instance]);
    const status = await runBooth(["status", "-c", instance]);
    for (const [title, text] of [["TICKETS:", tickets], ["PEERS:", peers], ["DAEMON STATUS:", status]]) {
      if (text) ctx.print(`${title}\n${text}`);
    }
  });
}

function serviceCommand(action: "enable" | "disable" | "start" | "stop") {
  return async (ctx: CommandContext): Promise<void> => {
    await withBoothErrors(ctx, async () => {
      ensureOnlySupported(ctx, ["--name"]);
      if (ctx.args.length) throw new InputError();
      const unit = `booth@${boothFiles(ctx).instance}`;
      const result = await processRunner("systemctl", [action, `${unit}.service`], { timeoutMs: DEADLINE_MS });
      if (result.code !== 0) fail("GENERIC", { text: `Unable to ${action} ${unit}: ${(result.stderr || result.stdout).trim()}` });
      ctx.print(`${unit} ${DONE[action]}`);
    });
  };
}

export const enableCommand = serviceCommand("enable");
export const disableCommand = serviceCommand("disable");
export const startCommand = serviceCommand("start");
export const stopCommand = serviceCommand("stop");

export async function pullCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, ["--name", "--request-timeout"]);
    if (ctx.args.length !== 1) throw new InputError();
    boothFiles(ctx);
    throw new InputError("'pcs booth pull' is not supported by pcs-lite yet: fetching files from other nodes is not implemented");
  });
}

export async function syncCommand(ctx: CommandContext): Promise<void> {
  await withBoothErrors(ctx, () => {
    ensureOnlySupported(ctx, ["--skip-offline", "--name", "--booth-conf", "--booth-key", "--request-timeout"]);
    if (ctx.args.length) throw new InputError();
    boothFiles(ctx);
    throw new InputError("'pcs booth sync' is not supported by pcs-lite yet: sending files to other nodes is not implemented");
  });
}
