// Agent metadata in one format for OCF 1.0 and 1.1 agents (what pcs calls "unified").
import type { AgentName } from "./name.js";

export interface AgentParameter {
  name: string;
  shortdesc?: string;
  longdesc?: string;
  type: string;
  default?: string;
  enumValues?: string[];
  required: boolean;
  advanced: boolean;
  deprecated: boolean;
  deprecatedBy: string[];
  deprecatedDesc?: string;
  uniqueGroup?: string;
  reloadable: boolean;
}

export interface AgentAction {
  name: string;
  timeout?: string;
  interval?: string;
  role?: string;
  startDelay?: string;
  depth?: string;
  automatic: boolean;
  onTarget: boolean;
}

export interface AgentMetadata {
  name: AgentName;
  /** False for the placeholder of an agent that is missing (allowed with --force). */
  exists: boolean;
  ocfVersion: string;
  shortdesc?: string;
  longdesc?: string;
  parameters: AgentParameter[];
  actions: AgentAction[];
}

/** Why an agent could not be used; turned into a report by the caller (severity depends on --force). */
export type AgentProblem =
  | { kind: "metadata"; agent: string; reason: string }
  | { kind: "ocf-version"; agent: string; version: string }
  | { kind: "invalid-name"; agent: string }
  | { kind: "guess-none"; agent: string }
  | { kind: "guess-many"; agent: string; names: string[] };

export class AgentError extends Error {
  constructor(readonly problem: AgentProblem) {
    super(`${problem.kind}: ${problem.agent}`);
  }
}
