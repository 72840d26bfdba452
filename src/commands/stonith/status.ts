// pcs stonith status: the stonith lines of crm_mon's resource list, then (with no arguments) the
// fencing levels, as pcs 0.11.5 prints them.
import { levelsOf } from "../../cib/fencing-topology.js";
import type { CommandContext } from "../context.js";
import { loadCib, parseResourceArgs, resourceLines } from "../status/status.js";
import { levelConfigLines } from "./level.js";

export async function stonithStatusCommand(ctx: CommandContext): Promise<void> {
  const { id, node } = parseResourceArgs(ctx);
  const { cib, cluster } = await loadCib(ctx);
  ctx.print(resourceLines(cluster, { hideInactive: ctx.has("--hide-inactive"), id, node, stonith: true }).join("\n"));
  if (ctx.args.length) return;
  const levels = levelConfigLines(levelsOf(cib));
  // pcs indents the level listing by one space here
  if (levels.length) ctx.print(["", "Fencing Levels:", ...levels.map((line) => ` ${line}`)].join("\n"));
}
