// Agent self-validation (--agent-validation): run the agent's validate-all with the resource's
// options, as pacemaker does, and turn its verdict and stderr into pcs's reports.
import { join } from "node:path";
import { forceableError, warning, type ReportItem } from "../report/index.js";
import type { AgentName } from "./name.js";
import { fenceAgentPath, isExecutableFile, type AgentSources } from "./sources.js";
import type { AgentMetadata } from "./types.js";

export interface SelfValidation {
  /** undefined: the agent could not be asked (pcs: invalid data). */
  valid: boolean | undefined;
  output: string;
}

const stderrText = (stderr: string): string =>
  stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n")
    .trim();

export async function runSelfValidation(sources: AgentSources, name: AgentName, attrs: Record<string, string>): Promise<SelfValidation> {
  const PATH = `${sources.fenceDirs.join(":")}:/bin:/usr/bin:/sbin:/usr/sbin:${process.env.PATH ?? ""}`;
  if (name.standard === "ocf") {
    const path = join(sources.ocfRoot, "resource.d", name.provider ?? "", name.type);
    if (!isExecutableFile(path)) return { valid: undefined, output: `agent ${path} not found` };
    const env: Record<string, string> = {
      OCF_ROOT: sources.ocfRoot,
      OCF_RA_VERSION_MAJOR: "1",
      OCF_RA_VERSION_MINOR: "1",
      OCF_RESOURCE_INSTANCE: name.type,
      OCF_RESOURCE_TYPE: name.type,
      OCF_RESOURCE_PROVIDER: name.provider ?? "",
      PATH,
    };
    for (const [k, v] of Object.entries(attrs)) env[`OCF_RESKEY_${k}`] = v;
    const result = await sources.runner(path, ["validate-all"], { env, timeoutMs: sources.timeoutMs });
    return { valid: result.code === 0 && !result.timedOut, output: stderrText(result.stderr) };
  }
  const path = fenceAgentPath(sources, name.type);
  if (!isExecutableFile(path)) return { valid: undefined, output: `agent ${path} not found` };
  const hostArgument = attrs.pcmk_host_argument || "port";
  const lines = ["action=validate-all"];
  for (const key of Object.keys(attrs).sort()) if (!key.startsWith("pcmk_")) lines.push(`${key}=${attrs[key]}`);
  if (hostArgument !== "none" && !(hostArgument in attrs)) lines.push(`${hostArgument}=node1`);
  const result = await sources.runner(path, [], { env: { PATH }, stdin: lines.join("\n") + "\n", timeoutMs: sources.timeoutMs });
  return { valid: result.code === 0 && !result.timedOut, output: stderrText(result.stderr) };
}

/** Whether pcs would ask this agent at all. */
export const canSelfValidate = (metadata: AgentMetadata): boolean =>
  (metadata.name.standard === "ocf" || metadata.name.standard === "stonith") &&
  metadata.exists &&
  metadata.actions.some((a) => a.name === "validate-all");

export function selfValidationReports(result: SelfValidation): ReportItem[] {
  if (result.valid === undefined) return [forceableError("AGENT_SELF_VALIDATION_INVALID_DATA", { reason: result.output })];
  if (!result.valid) return [forceableError("AGENT_SELF_VALIDATION_RESULT", { result: result.output })];
  if (result.output) return [warning("AGENT_SELF_VALIDATION_RESULT", { result: result.output })];
  return [];
}
