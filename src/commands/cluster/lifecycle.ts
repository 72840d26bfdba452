// pcs cluster start | stop | destroy | status | corosync, pcs quorum status: calls to the nodes,
// all at once; a node that does not answer within its bound (node-calls.ts) is reported as pcs
// reports it and the command answers with the others.
import type { CommandContext } from "../context.js";
import { rememberToken } from "../../env/live-memory.js";
import { askFirst, askNodes } from "../../env/live-nodes.js";
import { error, fail } from "../../report/index.js";
import { readKnownHosts, readLocalCluster, writeLocalCluster } from "../../transport/config-dir.js";
import { NodeError } from "../../transport/nodes.js";
import { actionBoundsOf, failUnlessAll, queryBoundsOf } from "./node-calls.js";
import { waitForQuorum } from "./setup.js";

export interface NodeStatus {
  node: string | null;
  cluster: string | null;
  running: boolean;
  members: string[];
  quorate: boolean;
  dc: string | null;
  nodes: { name: string; nodeid: number }[];
  version: { adminEpoch: number; epoch: number; numUpdates: number } | null;
  quorumNeeded: number;
  token: number | null;
}

export function clusterNodeNames(): string[] {
  const cluster = readLocalCluster();
  if (!cluster?.nodes.length) fail("CLUSTER_NOT_CONFIGURED_HERE", {});
  return cluster.nodes;
}

/** The nodes a start/stop/enable/disable acts on: --all or none given means every node; named nodes must be in the cluster. */
export function targetNodes(ctx: CommandContext): string[] {
  if (ctx.has("--all") && ctx.args.length) fail("GENERIC", { text: "Cannot specify both --all and a list of nodes." });
  const all = clusterNodeNames();
  if (ctx.has("--all") || !ctx.args.length) return all;
  const bad = ctx.args.filter((n) => !all.includes(n));
  if (bad.length) fail("NODE_NOT_IN_CLUSTER", { node: bad[0] });
  return ctx.args;
}

/** `method` on every node at once: each node connects within the bound and gets the request timeout to act. */
async function onNodes(ctx: CommandContext, nodes: string[], method: string, message: string, what: string, after?: (node: string) => string): Promise<void> {
  for (const n of nodes) ctx.print(`${n}: ${message}`);
  const results = await askNodes(nodes, method, () => ({}), actionBoundsOf(ctx));
  failUnlessAll(ctx, what, results, after);
}

export async function startCommand(ctx: CommandContext): Promise<void> {
  const nodes = targetNodes(ctx);
  await onNodes(ctx, nodes, "cluster.start", "Starting Cluster...", "start");
  await waitForQuorum(nodes, queryBoundsOf(ctx), ctx.value("--wait"), clusterNodeNames());
}

export async function stopCommand(ctx: CommandContext): Promise<void> {
  await onNodes(ctx, targetNodes(ctx), "cluster.stop", "Stopping Cluster...", "stop", (n) => `${n}: Not stopping cluster - node is unreachable`);
}

export async function destroyCommand(ctx: CommandContext): Promise<void> {
  const nodes = clusterNodeNames();
  const targets = ctx.has("--all") ? nodes : ctx.args.length ? ctx.args : nodes;
  await onNodes(ctx, targets, "cluster.destroy", "Successfully destroyed cluster", "destroy cluster on");
  const remaining = nodes.filter((n) => !targets.includes(n));
  writeLocalCluster(remaining.length ? { name: readLocalCluster()!.name, nodes: remaining } : undefined);
}

/** The status of every node, asked at once; the view of a node that knows a DC decides DC and quorum. */
export async function gatherStatus(ctx: CommandContext): Promise<{ statuses: Map<string, NodeStatus | NodeError>; view?: NodeStatus }> {
  const nodes = clusterNodeNames();
  const results = await askNodes<NodeStatus>(nodes, "cluster.status", () => ({}), queryBoundsOf(ctx));
  const statuses = new Map<string, NodeStatus | NodeError>();
  for (const [n, r] of results) statuses.set(n, r.ok ? r.value : r.error);
  const views = [...statuses.values()].filter((s): s is NodeStatus => !(s instanceof NodeError) && s.running);
  const view = views.find((v) => v.dc) ?? views[0];
  // the next command's bound follows the token the cluster runs with
  rememberToken(view?.token);
  return { statuses, view };
}

/** A PCSD Status line's word for a node, as pcs says it. */
function pcsdState(s: NodeStatus | NodeError | undefined): string {
  if (!(s instanceof NodeError)) return "Online";
  if (s.report.code === "HOST_KEY_CHANGED") return "Host key changed";
  if (s.report.code === "HOST_NOT_AUTHORIZED") return "Unable to authenticate";
  return "Offline";
}

export function membershipLines(nodes: string[], view: NodeStatus | undefined): string[] {
  const online = view ? nodes.filter((n) => view.members.includes(n)) : [];
  const offline = nodes.filter((n) => !online.includes(n));
  const lines: string[] = [];
  if (online.length) lines.push(`  * Online: [ ${online.join(" ")} ]`);
  if (offline.length) lines.push(`  * OFFLINE: [ ${offline.join(" ")} ]`);
  return lines;
}

export async function statusCommand(ctx: CommandContext): Promise<void> {
  const cluster = readLocalCluster();
  const nodes = clusterNodeNames();
  const { statuses, view } = await gatherStatus(ctx);
  const out: string[] = ["Cluster Status:", " Cluster Summary:", "   * Stack: corosync"];
  if (view?.dc) out.push(`   * Current DC: ${view.dc} (version 2.1.5-pcs-lite) - partition ${view.quorate ? "with" : "WITHOUT"} quorum`);
  else out.push("   * Current DC: NONE");
  out.push(`   * ${nodes.length} node${nodes.length === 1 ? "" : "s"} configured`, " Node List:");
  out.push(...membershipLines(nodes, view).map((l) => " " + l));
  out.push("", "PCSD Status:");
  for (const n of nodes) {
    const s = statuses.get(n);
    // why a node is not online (and that --request-timeout gives it longer) goes to stderr
    if (s instanceof NodeError) ctx.reports.add({ ...s.report, severity: s.report.code === "HOST_KEY_CHANGED" ? "error" : "warning" });
    out.push(`  ${n}: ${pcsdState(s)}`);
  }
  if (cluster) out.unshift(`Cluster name: ${cluster.name}`);
  ctx.print(out.join("\n"));
  ctx.reports.throwIfErrors();
}

export async function corosyncCommand(ctx: CommandContext): Promise<void> {
  const nodes = ctx.args.length ? ctx.args : clusterNodeNames();
  const known = readKnownHosts();
  for (const n of ctx.args) if (!known[n]) fail("HOST_NOT_FOUND", { host: n });
  const answer = await askFirst<{ text: string }>(nodes, "cluster.corosync", {}, queryBoundsOf(ctx));
  if ("value" in answer) {
    ctx.print(answer.value.text.trimEnd());
    return;
  }
  for (const f of answer.failures) ctx.reports.add({ ...f.report, severity: ctx.args.length ? "error" : "warning" });
  ctx.reports.add(error("NO_CLUSTER_NODE_REACHABLE", { reasons: [] }));
  ctx.reports.throwIfErrors();
}

export async function quorumStatusCommand(ctx: CommandContext): Promise<void> {
  const nodes = clusterNodeNames();
  const { view, statuses } = await gatherStatus(ctx);
  if (!view) {
    for (const s of statuses.values()) if (s instanceof NodeError) ctx.reports.add(s.report);
    fail("GENERIC", { text: "Unable to get quorum status: cluster is not running on any node" });
  }
  const nodeIds = new Map(view.nodes.map((n) => [n.name, n.nodeid]));
  const me = view.node ?? "";
  const lines = [
    "Quorum information",
    "------------------",
    `Date:             ${new Date().toString().replace(/ GMT.*$/, "")}`,
    "Quorum provider:  corosync_votequorum",
    `Nodes:            ${view.members.length}`,
    `Node ID:          ${nodeIds.get(me) ?? "?"}`,
    `Quorate:          ${view.quorate ? "Yes" : "No"}`,
    "",
    "Votequorum information",
    "----------------------",
    `Expected votes:   ${nodes.length}`,
    `Highest expected: ${nodes.length}`,
    `Total votes:      ${view.members.length}`,
    `Quorum:           ${view.quorumNeeded}${view.quorate ? "  " : " Activity blocked"}`,
    `Flags:            ${[view.quorumNeeded === 1 && nodes.length === 2 ? "2Node" : "", view.quorate ? "Quorate" : ""].filter(Boolean).join(" ")}`,
    "",
    "Membership information",
    "----------------------",
    "    Nodeid      Votes    Qdevice Name",
    ...view.nodes
      .filter((n) => view.members.includes(n.name))
      .map((n) => `${String(n.nodeid).padStart(10)}${"1".padStart(11)}${"NR".padStart(11)} ${n.name}${n.name === me ? " (local)" : ""}`),
  ];
  ctx.print(lines.join("\n"));
}
