// pcs cluster enable | disable [--all | <node>...]: whether a node's agent starts the cluster whenever
// the agent itself starts (pcs: the corosync and pacemaker services enabled at boot).
import type { CommandContext } from "../context.js";
import { askNodes } from "../../env/live-nodes.js";
import { ensureOnlySupported } from "../quorum/args.js";
import { targetNodes } from "./lifecycle.js";
import { actionBoundsOf, failUnlessAll } from "./node-calls.js";

/** pcs prints each node's answer ("Cluster Enabled") as it comes, the failures together at the end. */
async function switchNodes(ctx: CommandContext, method: "cluster.enable" | "cluster.disable", answer: string, what: string): Promise<void> {
  ensureOnlySupported(ctx, ["--all", "--request-timeout"]);
  const nodes = targetNodes(ctx);
  const results = await askNodes(nodes, method, () => ({}), actionBoundsOf(ctx));
  for (const [node, r] of results) if (r.ok) ctx.print(`${node}: ${answer}`);
  failUnlessAll(ctx, what, results);
}

export const enableCommand = (ctx: CommandContext): Promise<void> => switchNodes(ctx, "cluster.enable", "Cluster Enabled", "enable");

export const disableCommand = (ctx: CommandContext): Promise<void> => switchNodes(ctx, "cluster.disable", "Cluster Disabled", "disable");
