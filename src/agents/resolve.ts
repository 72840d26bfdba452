// From what the user typed to a loaded agent, reporting as pcs does: guessed names (info),
// invalid names, missing agents (an error, or a warning and a placeholder with --force).
import { deprecation, error, errorOrForceable, info, warning, type ReportItem, type Reports } from "../report/index.js";
import { findAgentByType } from "./list.js";
import { loadAgent, loadMetadata, voidAgent, type LoadedAgent } from "./load.js";
import { fullName, parseAgentName, type AgentName } from "./name.js";
import { SUPPORTED_OCF_VERSIONS } from "./parse.js";
import type { AgentSources } from "./sources.js";
import { AgentError, type AgentProblem } from "./types.js";

/** The report for an agent problem; `asWarning` for a missing agent allowed by --force. */
export function agentProblemReport(problem: AgentProblem, { forceable = false, asWarning = false, stonith = false } = {}): ReportItem {
  const make = asWarning
    ? (code: Parameters<typeof warning>[0], payload: never) => warning(code, payload)
    : (code: Parameters<typeof error>[0], payload: never) => errorOrForceable(forceable, code, payload);
  switch (problem.kind) {
    case "metadata":
      return make("UNABLE_TO_GET_AGENT_METADATA", { agent: problem.agent, reason: problem.reason } as never);
    case "ocf-version":
      return make("AGENT_IMPLEMENTS_UNSUPPORTED_OCF_VERSION", { agent: problem.agent, version: problem.version, supported: SUPPORTED_OCF_VERSIONS } as never);
    case "invalid-name":
      return make(stonith ? "INVALID_STONITH_AGENT_NAME" : "INVALID_RESOURCE_AGENT_NAME", { name: problem.agent } as never);
    case "guess-none":
      return make("AGENT_NAME_GUESS_FOUND_NONE", { agent: problem.agent } as never);
    case "guess-many":
      return make("AGENT_NAME_GUESS_FOUND_MORE_THAN_ONE", { agent: problem.agent, names: problem.names } as never);
  }
}

/** Name as typed -> full name: parsed when it has a ':', else guessed from the type (info report). */
export function resolveAgentName(sources: AgentSources, text: string, reports: Reports): AgentName {
  if (text.includes(":")) {
    const name = parseAgentName(text);
    if (!name) throw new AgentError({ kind: "invalid-name", agent: text });
    return name;
  }
  const name = findAgentByType(sources, text);
  reports.add(info("AGENT_NAME_GUESSED", { entered: text, guessed: fullName(name) }));
  return name;
}

/** Start reading a fully named agent's metadata now, to overlap with loading the CIB; problems surface when it is asked for. */
export function prefetchAgent(sources: AgentSources, text: string): void {
  const name = text.includes(":") ? parseAgentName(text) : undefined;
  if (name) loadMetadata(sources, name).catch(() => undefined);
}

/**
 * The agent for `resource create` (and friends): reports everything to `reports` and throws
 * (through reports.throwIfErrors) when the command cannot go on.
 */
export async function agentForResource(sources: AgentSources, text: string, reports: Reports, allowAbsent: boolean): Promise<LoadedAgent> {
  let name: AgentName;
  try {
    name = resolveAgentName(sources, text, reports);
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    reports.add(agentProblemReport(e.problem));
    reports.throwIfErrors();
    throw e;
  }
  if (name.standard === "stonith") reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "fence agent" }));
  return loadOrVoid(sources, name, reports, allowAbsent);
}

export async function loadOrVoid(sources: AgentSources, name: AgentName, reports: Reports, allowAbsent: boolean, stonith = false): Promise<LoadedAgent> {
  try {
    const agent = await loadAgent(sources, name);
    for (const problem of agent.problems) reports.add(agentProblemReport(problem.problem, { asWarning: true }));
    return agent;
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    if (e.problem.kind === "metadata" || e.problem.kind === "ocf-version") {
      if (allowAbsent) {
        reports.add(agentProblemReport(e.problem, { asWarning: true, stonith }));
        return voidAgent(sources, name);
      }
      reports.add(agentProblemReport(e.problem, { forceable: true, stonith }));
    } else reports.add(agentProblemReport(e.problem, { stonith }));
    reports.throwIfErrors();
    throw e;
  }
}
