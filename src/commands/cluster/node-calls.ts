// The bounds of a cluster command's calls to nodes: --request-timeout when given, else the bound
// derived from the cluster's token (env/live-bounds.ts); pcs's report of nodes an action missed; enabling
// the nodes of a new cluster or a new node (setup, node add --enable).
import type { CommandContext } from "../context.js";
import { actionBounds, queryBounds, type NodeBounds } from "../../env/live-bounds.js";
import { askNodes, type NodeResult } from "../../env/live-nodes.js";
import { error, info, ReportedError } from "../../report/index.js";

export const requestTimeoutSeconds = (ctx: CommandContext): number | undefined =>
  ctx.value("--request-timeout") ? Number(ctx.value("--request-timeout")) : undefined;

/** For questions (status, corosync.conf): the bound for connecting and answering. */
export const queryBoundsOf = (ctx: CommandContext, token?: number): NodeBounds => queryBounds(requestTimeoutSeconds(ctx), token);

/** For actions (start, stop, setup): the bound to connect, the request timeout to finish. */
export const actionBoundsOf = (ctx: CommandContext, token?: number): NodeBounds => actionBounds(requestTimeoutSeconds(ctx), token);

/**
 * As pcs after a parallel action: "Error: unable to <what> all nodes" with one "<node>: <reason>"
 * line per node that failed, then `after(node)` lines; stops the command when any node failed.
 */
export function failUnlessAll(ctx: CommandContext, what: string, results: Map<string, NodeResult<unknown>>, after?: (node: string) => string): void {
  const failed = [...results].flatMap(([node, r]) => (r.ok ? [] : [{ node, message: r.error.report.message }]));
  if (!failed.length) return;
  // a message that does not name its node (a remote error does) gets pcs's "<node>: " prefix
  const lines = failed.map(({ node, message }) => (message.startsWith(`${node}: `) ? message : `${node}: ${message}`));
  ctx.reports.add(error("GENERIC", { text: [`unable to ${what} all nodes`, ...lines].join("\n") }));
  if (after) for (const { node } of failed) ctx.reports.add(info("GENERIC", { text: after(node) }));
  throw new ReportedError([], false);
}

/** As pcs's EnableCluster of setup: "Enabling cluster on hosts: ..." then a line a node as it succeeds. */
export async function enableOnNodes(ctx: CommandContext, nodes: string[], bounds: NodeBounds): Promise<void> {
  ctx.reports.add(info("CLUSTER_ENABLE_STARTED", { nodes: [...nodes].sort() }));
  const results = await askNodes(nodes, "cluster.enable", () => ({}), bounds);
  for (const [node, r] of results) if (r.ok) ctx.reports.add(info("CLUSTER_ENABLE_SUCCESS", { node }));
  failUnlessAll(ctx, "enable", results);
}
