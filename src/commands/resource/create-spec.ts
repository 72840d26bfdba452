// The new primitive of a create command (plain, or inside a group, clone or bundle), as its
// command line describes it.
import { agentForResource } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import { refuseWaitWithFile } from "./wait.js";
import type { CommandContext } from "../context.js";
import type { Runner } from "../../env/index.js";
import type { Reports } from "../../report/index.js";
import type { CreateParts } from "./create-args.js";
import type { NewPrimitive } from "./create-primitive.js";

/** The new primitive as the command line describes it; its agent is resolved (and --wait refused) here. */
export async function primitiveSpec(
  ctx: CommandContext,
  runner: Runner,
  reports: Reports,
  { id, agentText, parts }: { id: string; agentText: string; parts: CreateParts },
): Promise<NewPrimitive> {
  const sources = agentSources(runner);
  const agent = await agentForResource(sources, agentText, reports, ctx.force);
  refuseWaitWithFile(ctx);
  return {
    id,
    agent,
    operations: parts.op,
    meta: parts.meta,
    attrs: parts.options,
    useDefaultOperations: !ctx.has("--no-default-ops"),
    disabled: ctx.has("--disabled"),
    agentValidation: ctx.has("--agent-validation") ? { sources } : undefined,
  };
}
