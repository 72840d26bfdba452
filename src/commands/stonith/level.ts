// pcs stonith level add | remove | delete | clear | config | verify.
import {
  addLevel,
  levelsOf,
  nonStonithResources,
  removeLevels,
  targetLabel,
  verifyLevels,
  type Level,
  type Target,
} from "../../cib/fencing-topology.js";
import type { CommandContext } from "../context.js";
import { deprecation } from "../../report/index.js";
import { argError, groupByKeywords, splitOption, usageError } from "../defaults/args.js";

const TYPES = ["attrib", "node", "regexp"];

/** `[node%]name`, `regexp%pattern` or `attrib%name=value`. */
export function parseTarget(arg: string): Target {
  const cut = arg.indexOf("%");
  let type = "node";
  let value = arg;
  if (cut >= 0) {
    type = arg.slice(0, cut) || "node";
    value = arg.slice(cut + 1);
    if (!TYPES.includes(type)) argError(`'${type}' is not an allowed type for '${arg}', use ${TYPES.join(", ")}`);
  }
  if (type === "attrib") {
    const [name, v] = splitOption(value);
    return { type: "attribute", name, value: v };
  }
  return { type: type === "regexp" ? "regexp" : "node", value };
}

function normalizeDevices(ctx: CommandContext, args: string[]): string[] {
  if (args.some((a) => a.includes(","))) {
    ctx.reports.add(
      deprecation("DEPRECATED_SYNTAX", {
        text: "Delimiting stonith devices with ',' is deprecated and will be removed. Please use a space to delimit stonith devices.",
      }),
    );
  }
  return args.join(",").split(",");
}

function parseTargetAndStonith(args: string[]): { target?: Target; devices?: string[] } {
  const groups = groupByKeywords(args, ["target", "stonith"], { onlyFound: true });
  const target = groups.get("target");
  const stonith = groups.get("stonith");
  if (target && target.length > 1) argError("At most one target can be specified");
  const missingTarget = target !== undefined && !target.length;
  const missingStonith = stonith !== undefined && !stonith.length;
  if (missingTarget && missingStonith) argError("Missing value after 'target' and 'stonith'");
  if (missingTarget) argError("Missing value after 'target'");
  if (missingStonith) argError("Missing value after 'stonith'");
  return { target: target?.length ? parseTarget(target[0]) : undefined, devices: stonith };
}

export async function levelAddCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 3) usageError();
  const [index, targetArg, ...rest] = ctx.args;
  const target = parseTarget(targetArg);
  const devices = normalizeDevices(ctx, rest);
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    if (nonStonithResources(cib, devices)) {
      reports.add(deprecation("DEPRECATED_SYNTAX", { text: "Ability of this command to accept resources is deprecated and will be removed in a future release." }));
    }
    addLevel(cib, { index, target, devices }, reports);
  }, ctx.reports);
}

export async function levelRemoveCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError();
  const [index, ...rest] = ctx.args;
  const env = await ctx.env();
  if (rest.length && (rest[0] === "target" || rest[0] === "stonith")) {
    const { target, devices } = parseTargetAndStonith(rest);
    await env.editCib((cib, reports) => {
      reports.add(...removeLevels(cib, { index, target, devices }));
    }, ctx.reports);
    return;
  }
  let target: Target | undefined;
  let devices: string[] | undefined;
  if (rest.length) {
    ctx.reports.add(
      deprecation("DEPRECATED_SYNTAX", {
        text:
          "Syntax 'pcs stonith level delete | remove <level> [<target>] [<stonith id>...]' is deprecated and will be removed. " +
          "Please use 'pcs stonith level delete | remove <level> [target <target>] [stonith <stonith id>...]'.",
      }),
    );
    if (!rest[0].includes("%") && rest[0].includes(",")) {
      ctx.reports.add(
        deprecation("DEPRECATED_SYNTAX", {
          text: "Delimiting stonith devices with ',' is deprecated and will be removed. Please use a space to delimit stonith devices.",
        }),
      );
    }
    target = parseTarget(rest[0]);
  }
  if (rest.length > 1) devices = normalizeDevices(ctx, rest.slice(1));
  await env.editCib((cib, reports) => {
    // the old syntax cannot tell a node from a device: try the first word as a node, then as a device
    const first = removeLevels(cib, { index, target, devices, validateDeviceIds: false });
    if (!first.some((r) => r.severity === "error") || target?.type !== "node") {
      reports.add(...first);
      return;
    }
    if (!first.some((r) => r.code === "FENCING_LEVEL_DOES_NOT_EXIST")) {
      reports.add(...first);
      return;
    }
    const second = removeLevels(cib, { index, devices: [target.value, ...(devices ?? [])], validateDeviceIds: false });
    if (!second.some((r) => r.severity === "error")) {
      reports.add(...second);
      return;
    }
    reports.add(...first, ...second);
  }, ctx.reports);
}

export async function levelClearCommand(ctx: CommandContext): Promise<void> {
  const env = await ctx.env();
  const args = ctx.args;
  if (!args.length) {
    await env.editCib((cib) => {
      removeLevels(cib, { ignoreIfMissing: true });
    }, ctx.reports);
    return;
  }
  if (args.length > 1 || args[0] === "target" || args[0] === "stonith") {
    const { target, devices } = parseTargetAndStonith(args);
    if (devices !== undefined && target !== undefined) argError("Only one of 'target' and 'stonith' can be used");
    await env.editCib((cib, reports) => {
      reports.add(...removeLevels(cib, { target, devices }));
    }, ctx.reports);
    return;
  }
  ctx.reports.add(
    deprecation("DEPRECATED_SYNTAX", {
      text:
        "Syntax 'pcs stonith level clear [<target> | <stonith id(s)>] is deprecated and will be removed. " +
        "Please use 'pcs stonith level clear [target <target>] | [stonith <stonith id>...]'.",
    }),
  );
  const target = parseTarget(args[0]);
  await env.editCib((cib, reports) => {
    reports.add(...removeLevels(cib, { target, ignoreIfMissing: true }));
    if (target.type === "node") reports.add(...removeLevels(cib, { devices: args[0].split(","), ignoreIfMissing: true }));
  }, ctx.reports);
}

export function levelConfigLines(levels: Level[]): string[] {
  const lines: string[] = [];
  for (const type of ["node", "regexp", "attribute"] as const) {
    const byTarget = new Map<string, Level[]>();
    for (const level of levels) {
      if (level.target.type !== type) continue;
      const key = targetLabel(level.target);
      byTarget.set(key, [...(byTarget.get(key) ?? []), level]);
    }
    for (const key of [...byTarget.keys()].sort()) {
      lines.push(`Target${type === "regexp" ? " (regexp)" : ""}: ${key}`);
      const sorted = [...byTarget.get(key)!].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
      for (const level of sorted) lines.push(`  Level ${level.index} - ${level.devices.join(",")}`);
    }
  }
  return lines;
}

export async function levelConfigCommand(ctx: CommandContext): Promise<void> {
  // `stonith level <word>`: the word is none of the level commands (pcs's router says so); `level config x` is plain
  if (ctx.args.length) usageError(undefined, ctx.route.path.length === 2);
  const lines = levelConfigLines(levelsOf(await (await ctx.env()).readCib()));
  if (lines.length) ctx.print(lines.join("\n"));
}

export async function levelVerifyCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError();
  const cib = await (await ctx.env()).readCib();
  ctx.reports.add(...verifyLevels(cib));
  ctx.reports.throwIfErrors();
}
