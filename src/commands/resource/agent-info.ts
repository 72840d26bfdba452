// pcs resource get_resource_agent_info <agent>: the agent's metadata as JSON, the interface pcsd's web
// UI reads (pcs's describe_agent: parameters, actions, and the operations a new resource gets).
import { defaultOperations } from "../../agents/defaults.js";
import { loadAgent } from "../../agents/load.js";
import { fullName } from "../../agents/name.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import { AgentError, type AgentMetadata } from "../../agents/types.js";
import { OCF_CHECK_LEVEL } from "../../cib/operations.js";
import { processRunner } from "../../host/runner.js";
import { fail } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { agentNameFrom } from "./describe.js";

type Json = null | boolean | string | number | Json[] | { [key: string]: Json };

/** JSON as Python's json.dumps writes it (", " and ": " between items, non-ASCII escaped): pcs's exact output. */
export function pythonJson(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
    .join(", ")}}`;
}

const orNull = (value: string | undefined): Json => value ?? null;

function agentInfo(metadata: AgentMetadata): Json {
  const name = metadata.name;
  return {
    shortdesc: orNull(metadata.shortdesc),
    longdesc: orNull(metadata.longdesc),
    parameters: metadata.parameters.map((p) => ({
      name: p.name,
      shortdesc: orNull(p.shortdesc),
      longdesc: orNull(p.longdesc),
      type: p.type,
      default: orNull(p.default),
      enum_values: p.enumValues ?? null,
      required: p.required,
      advanced: p.advanced,
      deprecated: p.deprecated,
      deprecated_by: p.deprecatedBy,
      deprecated_desc: orNull(p.deprecatedDesc),
      unique_group: orNull(p.uniqueGroup),
      reloadable: p.reloadable,
    })),
    actions: metadata.actions.map((a) => ({
      name: a.name,
      timeout: orNull(a.timeout),
      interval: orNull(a.interval),
      role: orNull(a.role),
      "start-delay": orNull(a.startDelay),
      // (pcs leaves a depth of 0 out, as it does in the CIB)
      [OCF_CHECK_LEVEL]: a.depth === undefined || a.depth === "0" ? null : a.depth,
      automatic: a.automatic,
      on_target: a.onTarget,
    })),
    name: fullName(name),
    standard: name.standard,
    provider: orNull(name.provider),
    type: name.type,
    default_actions: defaultOperations(metadata).map((op) => ({
      [OCF_CHECK_LEVEL]: orNull(op[OCF_CHECK_LEVEL]),
      automatic: false,
      on_target: false,
      name: op.name,
      interval: orNull(op.interval),
      timeout: orNull(op.timeout),
      role: orNull(op.role),
      "start-delay": orNull(op["start-delay"]),
    })),
  };
}

export async function resourceAgentInfo(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) fail("GENERIC", { text: "One parameter expected" });
  const src = agentSources(processRunner);
  const name = agentNameFrom(src, ctx, ctx.args[0], true);
  let metadata: AgentMetadata;
  try {
    metadata = (await loadAgent(src, name)).metadata;
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    ctx.reports.add(agentProblemReport(e.problem, {}));
    ctx.reports.throwIfErrors();
    throw e;
  }
  ctx.print(pythonJson(agentInfo(metadata)));
}
