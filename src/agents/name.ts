// Resource agent names: `standard[:provider]:type`, parsed and checked as pcs does.

export interface AgentName {
  standard: string;
  provider?: string;
  type: string;
}

export const fullName = (name: AgentName): string =>
  name.provider ? `${name.standard}:${name.provider}:${name.type}` : `${name.standard}:${name.type}`;

export const isStonithName = (name: AgentName): boolean => name.standard === "stonith";

/** The standards a CIB accepts (what the host supports is another matter). */
const CIB_STANDARDS = new Set(["heartbeat", "lsb", "nagios", "ocf", "service", "stonith", "systemd", "upstart"]);

/** Parse a full agent name; undefined when it is not a valid one. */
export function parseAgentName(text: string): AgentName | undefined {
  // systemd and service units with an instance may hold ':' after the '@'
  const instance = /^(systemd|service):([^:@]+@.*)$/.exec(text);
  if (instance) return { standard: instance[1], type: instance[2] };
  const match = /^([^:]+)(?::([^:]+))?:([^:]+)$/.exec(text);
  if (!match) return undefined;
  const [, standard, provider, type] = match;
  if (!CIB_STANDARDS.has(standard)) return undefined;
  if (standard === "ocf" && !provider) return undefined;
  if (standard !== "ocf" && provider) return undefined;
  return provider ? { standard, provider, type } : { standard, type };
}
