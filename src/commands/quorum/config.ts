// pcs quorum config / update: show and change the quorum options of corosync.conf.
import type { CommandContext } from "../context.js";
import { checkQuorumOptionsUpdate } from "../../corosync/check-options.js";
import { quorumDevice, quorumDeviceModel, quorumOptions, setQuorumOptions, type QuorumDevice } from "../../corosync/facade.js";
import { ensureOnlySupported, InputError, optionsMap, withInputErrors } from "./args.js";
import { editConf, loadConf } from "./conf-file.js";

export const QUORUM_USAGE_HEADER = "quorum <command>";

const sortedLines = (options: ReadonlyMap<string, string>, indent: string): string[] =>
  [...options].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${indent}${k}: ${v}`);

export function quorumConfigText(options: ReadonlyMap<string, string>, device: QuorumDevice | undefined): string {
  const lines = ["Options:", ...sortedLines(options, "  ")];
  if (device) {
    lines.push("Device:", ...sortedLines(device.genericOptions, "  "), `  Model: ${device.model}`, ...sortedLines(device.modelOptions, "    "));
    if (device.heuristicsOptions.size) lines.push("  Heuristics:", ...sortedLines(device.heuristicsOptions, "    "));
  }
  return lines.join("\n");
}

export async function quorumConfigCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, () => {
    ensureOnlySupported(ctx, ["--corosync_conf"]);
    if (ctx.args.length) throw new InputError();
    const { root } = loadConf(ctx, "legacy");
    ctx.print(quorumConfigText(quorumOptions(root), quorumDevice(root)));
  });
}

export async function quorumUpdateCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
    ensureOnlySupported(ctx, ["--skip-offline", "--force", "--corosync_conf", "--request-timeout"]);
    const options = optionsMap(ctx.args);
    if (!options.size) throw new InputError();
    await editConf(ctx, "legacy", ({ root }) => {
      ctx.reports.add(...checkQuorumOptionsUpdate(options, quorumDeviceModel(root) !== undefined, quorumOptions(root)));
      ctx.reports.throwIfErrors();
      setQuorumOptions(root, options);
    });
  });
}
