// pcs quorum device add / update / remove / heuristics remove on corosync.conf.
import type { CommandContext } from "../context.js";
import { checkQuorumDeviceAdd, checkQuorumDeviceUpdate, type DeviceOptions } from "../../corosync/check-options.js";
import {
  addQuorumDevice,
  heuristicsEnabledWithNoExec,
  nodes,
  quorumDeviceModel,
  removeQuorumDevice,
  removeQuorumDeviceHeuristics,
  updateQuorumDevice,
} from "../../corosync/facade.js";
import type { Section } from "../../corosync/parser.js";
import { fail, warning } from "../../report/index.js";
import { ensureOnlySupported, groupByKeywords, InputError, optionsMap, withInputErrors } from "./args.js";
import { editConf } from "./conf-file.js";
import { QUORUM_USAGE_HEADER } from "./config.js";

const EDIT_OPTIONS = ["--force", "--skip-offline", "--request-timeout", "--corosync_conf"];
const REMOVE_OPTIONS = ["--skip-offline", "--request-timeout", "--corosync_conf"];

/** pcs's _parse_quorum_device_groups: generic options, then `model ...` and `heuristics ...`, each once. */
function deviceGroups(args: readonly string[]): Map<string, string[]> {
  const groups = groupByKeywords(args, ["model", "heuristics"], { implicit: "generic", once: true, onlyFound: true });
  for (const keyword of ["model", "heuristics"]) {
    if (groups.has(keyword) && !groups.get(keyword)!.length) throw new InputError(`No ${keyword} options specified`);
  }
  return groups;
}

function deviceOptions(groups: Map<string, string[]>, modelWords: readonly string[]): DeviceOptions {
  const generic = optionsMap(groups.get("generic") ?? []);
  const model = optionsMap(modelWords);
  const heuristics = optionsMap(groups.get("heuristics") ?? []);
  if (generic.has("model")) throw new InputError("Model cannot be specified in generic options");
  return { generic, model, heuristics };
}

const nodeIds = (root: Section) => nodes(root).flatMap((n) => (n.nodeid ? [n.nodeid] : []));

const QDEVICE_ALREADY_DEFINED = "quorum device is already defined";
const QDEVICE_NOT_DEFINED = "no quorum device is defined in this cluster";

function warnIfHeuristicsWithoutExec(ctx: CommandContext, root: Section): void {
  if (heuristicsEnabledWithNoExec(root)) {
    ctx.reports.add(warning("GENERIC", { text: "No exec_NAME options are specified, so heuristics are effectively disabled" }));
  }
}

export async function deviceAddCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
    ensureOnlySupported(ctx, EDIT_OPTIONS);
    const groups = deviceGroups(ctx.args);
    const modelWords = groups.get("model") ?? [];
    if (!modelWords.length || modelWords[0].includes("=")) throw new InputError();
    const [model, ...modelOptionWords] = modelWords;
    const options = deviceOptions(groups, modelOptionWords);
    await editConf(ctx, "legacy", ({ root }) => {
      if (quorumDeviceModel(root) !== undefined) fail("GENERIC", { text: QDEVICE_ALREADY_DEFINED });
      ctx.reports.add(...checkQuorumDeviceAdd(model, options, nodeIds(root)));
      ctx.reports.throwIfErrors();
      addQuorumDevice(root, model, options.model, options.generic, options.heuristics);
      warnIfHeuristicsWithoutExec(ctx, root);
    });
  });
}

export async function deviceUpdateCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
    ensureOnlySupported(ctx, EDIT_OPTIONS);
    const groups = deviceGroups(ctx.args);
    if (!groups.size) throw new InputError();
    const options = deviceOptions(groups, groups.get("model") ?? []);
    await editConf(ctx, "legacy", ({ root }) => {
      const model = quorumDeviceModel(root);
      if (model === undefined) return fail("GENERIC", { text: QDEVICE_NOT_DEFINED });
      ctx.reports.add(...checkQuorumDeviceUpdate(model, options, nodeIds(root)));
      ctx.reports.throwIfErrors();
      updateQuorumDevice(root, options.model, options.generic, options.heuristics);
      warnIfHeuristicsWithoutExec(ctx, root);
    });
  });
}

export async function deviceRemoveCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
    ensureOnlySupported(ctx, REMOVE_OPTIONS);
    if (ctx.args.length) throw new InputError();
    await editConf(ctx, "legacy", ({ root }) => {
      if (quorumDeviceModel(root) === undefined) fail("GENERIC", { text: QDEVICE_NOT_DEFINED });
      removeQuorumDevice(root);
    });
  });
}

export async function heuristicsRemoveCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
    ensureOnlySupported(ctx, REMOVE_OPTIONS);
    if (ctx.args.length) throw new InputError();
    await editConf(ctx, "legacy", ({ root }) => {
      if (quorumDeviceModel(root) === undefined) fail("GENERIC", { text: QDEVICE_NOT_DEFINED });
      removeQuorumDeviceHeuristics(root);
    });
  });
}
