// Which agents this host has: standards, OCF providers, agents per standard, and pcs's
// guess of a full name from a bare type (IPaddr2 -> ocf:heartbeat:IPaddr2).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { AgentName } from "./name.js";
import { executablesIn, subdirectories, type AgentSources } from "./sources.js";
import { AgentError } from "./types.js";

/** Helper programs installed next to fence agents that are not agents. */
const IGNORED_AGENTS = new Set([
  "fence_ack_manual", "fence_check", "fence_kdump_send", "fence_legacy", "fence_na", "fence_node",
  "fence_nss_wrapper", "fence_pcmk", "fence_sanlockd", "fence_tool", "fence_virtd", "fence_vmware_helper",
]);

const byLower = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** cluster-glue's stonith plugins: stonith2/<name>.so and external/<name>. */
function glueStonithPlugins(sources: AgentSources): string[] {
  const dir = sources.glueDir;
  let plugins: string[] = [];
  try {
    plugins = readdirSync(join(dir, "stonith2"))
      .filter((n) => n.endsWith(".so"))
      .map((n) => n.slice(0, -3))
      .filter((n) => n !== "external" && n !== "rhcs");
  } catch {
    plugins = [];
  }
  return [...plugins, ...executablesIn(join(dir, "external")).map((n) => `external/${n}`)];
}

const systemdAvailable = (): boolean => existsSync("/run/systemd/system");

export function listStandards(sources: AgentSources): string[] {
  const result: string[] = [];
  if (existsSync(join(sources.ocfRoot, "resource.d"))) result.push("ocf");
  if (existsSync(sources.initDir)) result.push("lsb");
  result.push("service");
  if (systemdAvailable()) result.push("systemd");
  result.push("stonith");
  return [...new Set(result)].sort(byLower);
}

export function listOcfProviders(sources: AgentSources): string[] {
  return subdirectories(join(sources.ocfRoot, "resource.d")).sort(byLower);
}

export interface StandardProvider {
  standard: string;
  provider?: string;
}

export function listStandardsAndProviders(sources: AgentSources): StandardProvider[] {
  const result: StandardProvider[] = [];
  for (const standard of listStandards(sources)) {
    if (standard === "ocf") for (const provider of listOcfProviders(sources)) result.push({ standard, provider });
    else result.push({ standard });
  }
  const key = (s: StandardProvider) => [s.standard, s.provider ?? ""];
  return result.sort((a, b) => {
    const [as, ap] = key(a);
    const [bs, bp] = key(b);
    return as < bs ? -1 : as > bs ? 1 : ap < bp ? -1 : ap > bp ? 1 : 0;
  });
}

function rawAgents(sources: AgentSources, sp: StandardProvider): string[] {
  switch (sp.standard) {
    case "ocf":
      if (sp.provider) return sp.provider.includes("/") ? [] : executablesIn(join(sources.ocfRoot, "resource.d", sp.provider));
      return listOcfProviders(sources).flatMap((p) => executablesIn(join(sources.ocfRoot, "resource.d", p)));
    case "lsb":
      return executablesIn(sources.initDir);
    case "service":
      return executablesIn(sources.initDir);
    case "stonith":
      return [...sources.fenceDirs.flatMap((dir) => executablesIn(dir)).filter((n) => n.startsWith("fence_")), ...glueStonithPlugins(sources)];
    default:
      return [];
  }
}

/** Agents of `standard[:provider]`, sorted case-insensitively, helpers left out. */
export function listAgents(sources: AgentSources, sp: StandardProvider): string[] {
  return [...new Set(rawAgents(sources, sp))].filter((n) => !IGNORED_AGENTS.has(n)).sort(byLower);
}

/** The one agent whose type is `type` (case-insensitive); throws AgentError when none or several. */
export function findAgentByType(sources: AgentSources, type: string): AgentName {
  const lower = type.toLowerCase();
  const found: AgentName[] = [];
  for (const sp of listStandardsAndProviders(sources)) {
    for (const existing of listAgents(sources, sp)) {
      if (existing.toLowerCase() === lower) {
        found.push(sp.provider ? { standard: sp.standard, provider: sp.provider, type: existing } : { standard: sp.standard, type: existing });
      }
    }
  }
  if (found.length === 1) return found[0];
  if (found.length) {
    const names = found.map((n) => (n.provider ? `${n.standard}:${n.provider}:${n.type}` : `${n.standard}:${n.type}`)).sort();
    throw new AgentError({ kind: "guess-many", agent: type, names });
  }
  throw new AgentError({ kind: "guess-none", agent: type });
}
