// pcs stonith create <id> <fence agent> [attrs] [op ...] [meta ...] [--disabled] [--no-default-ops]
import { loadOrVoid } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import type { LoadedAgent } from "../../agents/load.js";
import { IdIndex } from "../../cib/ids.js";
import { refuseWaitWithFile } from "../resource/wait.js";
import type { CommandContext } from "../context.js";
import { deprecation, fail, type Reports } from "../../report/index.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { buildOperations, groupByKeywords, prepareOptions, UsageError, type Options } from "../resource/create-args.js";
import { usageError } from "../resource/cli-usage.js";
import { createPrimitive } from "../resource/create-primitive.js";
import { refuseFenceInputBreaks } from "./agent-input.js";

export interface SimpleParts {
  options: Options;
  meta: Options;
  op: Options[];
}

/** `[options] [op ...] [meta ...]` (no clone/promotable/bundle keywords). */
export function parseSimpleCreateArgs(args: readonly string[]): SimpleParts {
  const groups = groupByKeywords(args, ["op", "meta"], ["op"], "options");
  return {
    meta: prepareOptions(groups.single.get("meta") ?? []),
    options: prepareOptions(groups.single.get("options") ?? []),
    op: buildOperations(groups.repeated.get("op") ?? []).map(prepareOptions),
  };
}

/** A fence agent by its bare name (no 'stonith:' prefix allowed). */
export async function fenceAgent(ctx: { runner: Parameters<typeof agentSources>[0] }, text: string, reports: Reports, force: boolean): Promise<LoadedAgent> {
  if (text.includes(":")) {
    reports.add(agentProblemReport({ kind: "invalid-name", agent: text }, { stonith: true }));
    reports.throwIfErrors();
  }
  return loadOrVoid(agentSources(ctx.runner), { standard: "stonith", type: text }, reports, force, true);
}

/** Fence agents that unfence on start get meta attribute provides=unfencing. */
const providesUnfencing = (agent: LoadedAgent): boolean =>
  agent.metadata.actions.some((a) => a.name === "on" && a.onTarget && a.automatic);

export async function stonithCreate(ctx: CommandContext): Promise<void> {
  if (ctx.has("--before") && ctx.has("--after")) {
    fail("GENERIC", { text: `you cannot specify both --before and --after${ctx.has("--group") ? "" : " and you have to specify --group"}` });
  }
  if (!ctx.has("--group")) {
    if (ctx.has("--before")) fail("GENERIC", { text: "you cannot use --before without --group" });
    if (ctx.has("--after")) fail("GENERIC", { text: "you cannot use --after without --group" });
  }
  if (ctx.args.length < 2) usageError(ctx);
  const [id, agentText] = ctx.args;
  let parts: SimpleParts;
  try {
    parts = parseSimpleCreateArgs(ctx.args.slice(2));
  } catch (e) {
    if (e instanceof UsageError) usageError(ctx);
    throw e;
  }
  if (ctx.has("--group")) {
    ctx.reports.add(deprecation("DEPRECATED_SYNTAX", { text: "Option to group stonith resource is deprecated and will be removed in a future release." }));
  }
  const env = await ctx.env();
  await env.editCib(async (cib, reports) => {
    refuseFenceInputBreaks(parts.options, reports);
    const agent = await fenceAgent(env, agentText, reports, ctx.force);
    refuseWaitWithFile(ctx);
    const meta = providesUnfencing(agent) ? { ...parts.meta, provides: "unfencing" } : parts.meta;
    const spec = {
      id,
      agent,
      operations: parts.op,
      meta,
      attrs: parts.options,
      useDefaultOperations: !ctx.has("--no-default-ops"),
      disabled: ctx.has("--disabled"),
      kind: "stonith",
      agentValidation: ctx.has("--agent-validation") ? { sources: agentSources(env.runner) } : undefined,
    };
    if (ctx.has("--group")) {
      const { placeInGroup } = await import("../resource/create-wrapped.js");
      return placeInGroup(cib, reports, spec, { group: ctx.value("--group")!, before: ctx.value("--before"), after: ctx.value("--after") });
    }
    await createPrimitive(cib, new IdIndex(cib), reports, spec);
  }, ctx.reports);
}
