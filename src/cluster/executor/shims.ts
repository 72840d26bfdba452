// The node's stand-ins for Pacemaker's command-line tools, written where agents look for them
// (HA_SBIN_DIR, first on their PATH): each is a two-line script that runs `pcs-agent shim <tool>`.
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export const SHIM_TOOLS = ["crm_attribute", "crm_master", "crm_node", "attrd_updater", "pacemakerd"] as const;
export type ShimTool = (typeof SHIM_TOOLS)[number];

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** [node, pcs-agent script] of this process, when it is pcs-agent (bin/pcs-agent or dist/pcs-agent.js). */
export function defaultShimCommand(): string[] {
  const script = process.argv[1] ? resolve(process.argv[1]) : "";
  if (!/^pcs-agent(\.js)?$/.test(basename(script))) throw new Error(`cannot tell where pcs-agent is (running ${script || "no script"}): pass shimCommand`);
  // the bundle's small shim program when it is there (bin/pcs-agent -> dist/, or dist/pcs-agent.js)
  const dist = script.endsWith(".js") ? dirname(script) : join(dirname(script), "..", "dist");
  const small = join(dist, "pcs-shim.js");
  return [process.execPath, existsSync(small) ? small : script];
}

export function writeShims(dir: string, command: string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const tool of SHIM_TOOLS) {
    const path = join(dir, tool);
    const text = `#!/bin/sh\nexec ${command.map(shellQuote).join(" ")} shim ${tool} "$@"\n`;
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o755 });
    chmodSync(tmp, 0o755);
    renameSync(tmp, path);
  }
}
