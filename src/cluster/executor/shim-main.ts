// `pcs-agent shim <tool> [args...]`: the shims' entry point, run by the scripts in HA_SBIN_DIR.
import { attrdUpdater } from "./shim-attrd-updater.js";
import { crmAttribute, crmMaster } from "./shim-crm-attribute.js";
import { crmNode, pacemakerd } from "./shim-crm-node.js";
import { processIo, type ShimIo } from "./shim-io.js";
import type { ShimTool } from "./shims.js";

const TOOLS: Record<ShimTool, (argv: string[], io: ShimIo) => Promise<number>> = {
  crm_attribute: crmAttribute,
  crm_master: crmMaster,
  crm_node: crmNode,
  attrd_updater: attrdUpdater,
  pacemakerd,
};

export async function runShim(argv: string[], io: ShimIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  const tool = TOOLS[name as ShimTool];
  if (!tool) {
    io.err(`pcs-agent shim: unknown tool '${name ?? ""}' (known: ${Object.keys(TOOLS).join(", ")})\n`);
    return 64;
  }
  try {
    return await tool(args, io);
  } catch (e) {
    io.err(`${name}: ${(e as Error).message}\n`);
    return 1;
  }
}
