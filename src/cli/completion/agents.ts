// Agent names for completion. Reads the agent directories directly; once src/agents offers a
// listing, this is the one function to switch over.
import { readdirSync } from "node:fs";
import { join } from "node:path";

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** `ocf:<provider>:<type>` for every OCF agent, plus the bare types pcs also accepts. */
export function resourceAgentNames(ocfRoot = process.env.OCF_ROOT ?? "/usr/lib/ocf"): string[] {
  const base = join(ocfRoot, "resource.d");
  const names: string[] = [];
  const bare = new Set<string>();
  for (const provider of list(base)) {
    for (const type of list(join(base, provider))) {
      if (type.startsWith(".")) continue;
      names.push(`ocf:${provider}:${type}`);
      bare.add(type);
    }
  }
  return [...names, ...bare];
}

export function fenceAgentNames(dir = "/usr/sbin"): string[] {
  return list(dir).filter((f) => f.startsWith("fence_") && f !== "fence_legacy" && f !== "fence_ack_manual");
}
