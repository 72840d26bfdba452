// pcs resource create <id> <agent> [attrs] [op ...] [meta ...] [clone|promotable|--group] [--disabled] ...
import { prefetchAgent } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import { IdIndex } from "../../cib/ids.js";
import type { CommandContext } from "../context.js";
import { fail, ReportedError } from "../../report/index.js";
import { MASTER_KEYWORD_HINT } from "../legacy.js";
import { parseCreateArgs, UsageError, type CreateParts } from "./create-args.js";
import { createPrimitive } from "./create-primitive.js";
import { primitiveSpec } from "./create-spec.js";
import { usageError } from "./cli-usage.js";

function parse(ctx: CommandContext): CreateParts {
  try {
    return parseCreateArgs(ctx.args.slice(2));
  } catch (e) {
    if (e instanceof UsageError) usageError(ctx);
    const missingMaster = "missing value of 'master' option";
    if (e instanceof ReportedError && e.reports.length === 1 && e.reports[0].message === missingMaster) {
      // the 0.9 'master' keyword: pcs adds a hint after the error
      process.stderr.write(`Error: ${missingMaster}\nHint: ${MASTER_KEYWORD_HINT}\n`);
      throw new ReportedError([], false);
    }
    throw e;
  }
}

function checkCombinations(ctx: CommandContext, parts: CreateParts): void {
  const sections = ["clone", "promotable", "bundle"] as const;
  const used: string[] = sections.filter((s) => parts[s] !== undefined);
  if (ctx.has("--group")) used.push("group");
  if (used.length > 1) fail("GENERIC", { text: `you can specify only one of ${sections.join(", ")} or --group` });
  if (parts.bundle !== undefined && parts.bundle.length !== 1) fail("GENERIC", { text: "you have to specify exactly one bundle" });
  if (ctx.has("--before") && ctx.has("--after")) {
    fail("GENERIC", { text: `you cannot specify both --before and --after${ctx.has("--group") ? "" : " and you have to specify --group"}` });
  }
  if (!ctx.has("--group")) {
    if (ctx.has("--before")) fail("GENERIC", { text: "you cannot use --before without --group" });
    if (ctx.has("--after")) fail("GENERIC", { text: "you cannot use --after without --group" });
  }
  if (parts.promotable && "promotable" in parts.promotable) {
    fail("GENERIC", { text: "you cannot specify both promotable option and promotable keyword" });
  }
}

export async function resourceCreate(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) usageError(ctx);
  const [id, agentText] = ctx.args;
  const parts = parse(ctx);
  checkCombinations(ctx, parts);
  if (parts.bundle || parts.clone || parts.promotable || ctx.has("--group")) {
    const { createWrapped } = await import("./create-wrapped.js");
    return createWrapped(ctx, { id, agentText, parts });
  }
  const env = await ctx.env();
  // the agent is looked at once the CIB is loaded (pcs creates a missing -f file first); its
  // metadata is read meanwhile
  prefetchAgent(agentSources(env.runner), agentText);
  await env.editCib(async (cib, reports) => {
    await createPrimitive(cib, new IdIndex(cib), reports, await primitiveSpec(ctx, env.runner, reports, { id, agentText, parts }));
  }, ctx.reports);
}
