// pcs cluster node add | remove: change corosync.conf and the node list on every node, give a new
// node the cluster key and the current CIB, and keep the CIB's <nodes> section in step.
import type { CommandContext } from "../context.js";
import { section } from "../../cib/document.js";
import { createElement, detach, serializeXml } from "../../cib/xml.js";
import { error, fail, forceableError, info, ReportedError, warning } from "../../report/index.js";
import { readKnownHosts, readLocalCluster, writeLocalCluster } from "../../transport/config-dir.js";
import { addNodeToConf, corosyncFacts, removeNodesFromConf } from "../../transport/corosync-conf.js";
import type { NodeBounds } from "../../env/live-bounds.js";
import { askFirst, askNode, askNodes } from "../../env/live-nodes.js";
import { clusterNodeNames } from "./lifecycle.js";
import { actionBoundsOf, enableOnNodes, queryBoundsOf } from "./node-calls.js";

/** corosync.conf as the first answering node (in the cluster's order) has it; all are asked at once. */
async function currentConf(nodes: string[], bounds: NodeBounds): Promise<{ text: string; from: string }> {
  const answer = await askFirst<{ text: string }>(nodes, "cluster.corosync", {}, bounds);
  if ("value" in answer) return { text: answer.value.text, from: answer.node };
  throw new ReportedError([...answer.failures.map((f) => f.report), error("NO_CLUSTER_NODE_REACHABLE", { reasons: [] })], false);
}

function peersFor(names: string[]) {
  const known = readKnownHosts();
  return names.map((name) => ({ name, host: known[name].host, port: known[name].port, fingerprint: known[name].fingerprint }));
}

async function distribute(ctx: CommandContext, nodes: string[], conf: string, all: string[]): Promise<void> {
  ctx.reports.add(info("GENERIC", { text: "Sending updated corosync.conf to nodes..." }));
  const results = await askNodes(nodes, "cluster.update", () => ({ corosyncConf: conf, peers: peersFor(all) }), actionBoundsOf(ctx));
  for (const [node, r] of results) {
    if (r.ok) ctx.reports.add(info("GENERIC", { text: `${node}: Succeeded` }));
    else ctx.reports.add(warning("GENERIC", { text: r.error.report.message }));
  }
}

export async function nodeAddCommand(ctx: CommandContext): Promise<void> {
  const [name, ...rest] = ctx.args;
  if (!name || name.includes("=")) fail("GENERIC", { text: "Usage: pcs cluster node add <node name> [addr=<node address>]... [--start [--wait[=<n>]]] [--enable]" });
  const addrs: string[] = [];
  for (const arg of rest) {
    if (arg.startsWith("addr=")) addrs.push(arg.slice(5));
    else if (!/^(watchdog|device)=/.test(arg)) fail("GENERIC", { text: `invalid option '${arg}'` });
  }
  const nodes = clusterNodeNames();
  const known = readKnownHosts();
  if (nodes.includes(name)) fail("NODE_ALREADY_IN_CLUSTER", { node: name });
  if (!known[name]) fail("HOST_NOT_FOUND", { host: name });
  const status = await askNodes<{ cluster: string | null }>([name], "cluster.status", () => ({}), queryBoundsOf(ctx));
  const s = status.get(name)!;
  if (!s.ok) ctx.reports.add(s.error.report);
  else if (s.value.cluster) ctx.reports.add(forceableError("NODE_IN_CLUSTER", { node: name }));
  ctx.reports.throwIfErrors();

  if (!addrs.length) {
    addrs.push(known[name].host);
    ctx.reports.add(info("NODE_ADDRESS_DEFAULTED", { node: name, address: known[name].host }));
  }
  const { text, from } = await currentConf(nodes, queryBoundsOf(ctx));
  const added = addNodeToConf(text, { name, addrs });
  const all = [...nodes, name];
  const clusterKey = await askNode<{ private: string; public: string }>(from, "cluster.key", {}, queryBoundsOf(ctx));

  // the node joins the CIB's node list first, so the CIB it receives already names it
  const env = await ctx.env();
  await env.editCib((cib) => {
    const nodesSection = section(cib, "nodes");
    if (!nodesSection.children.some((n) => n.attrs.uname === name)) createElement("node", { id: String(added.nodeid), uname: name }, nodesSection);
  }, ctx.reports);
  const cib = await env.readCib();

  ctx.reports.add(info("CLUSTER_FILES_SENT", { files: ["cluster key", "corosync.conf", "cib.xml"], nodes: [name] }));
  await askNode(
    name,
    "cluster.setup",
    { corosyncConf: added.text, cib: serializeXml(cib), clusterKey, peers: { localName: name, peers: peersFor(all) }, force: ctx.force },
    actionBoundsOf(ctx),
  );
  for (const file of ["cluster key", "corosync.conf"]) ctx.reports.add(info("CLUSTER_FILE_DISTRIBUTED", { node: name, file }));
  await distribute(ctx, nodes, added.text, all);
  const cluster = readLocalCluster();
  writeLocalCluster({ name: cluster?.name ?? corosyncFacts(text).clusterName, nodes: all });
  if (ctx.has("--enable")) await enableOnNodes(ctx, [name], actionBoundsOf(ctx));
  if (ctx.has("--start")) {
    ctx.reports.add(info("GENERIC", { text: `${name}: Starting Cluster...` }));
    await askNode(name, "cluster.start", {}, actionBoundsOf(ctx));
  }
}

export async function nodeRemoveCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) fail("GENERIC", { text: "Usage: pcs cluster node remove <node name>... [--force]" });
  const nodes = clusterNodeNames();
  const names = [...new Set(ctx.args)];
  const missing = names.filter((n) => !nodes.includes(n));
  for (const n of missing) ctx.reports.add(error("NODE_NOT_IN_CLUSTER", { node: n }));
  const remaining = nodes.filter((n) => !names.includes(n));
  if (!remaining.length) ctx.reports.add(error("GENERIC", { text: "Cannot remove all cluster nodes" }));
  ctx.reports.throwIfErrors();
  const { text } = await currentConf(remaining, queryBoundsOf(ctx));
  const conf = removeNodesFromConf(text, names);
  ctx.reports.add(info("GENERIC", { text: `Destroying cluster on hosts: ${names.map((n) => `'${n}'`).join(", ")}...` }));
  const destroyed = await askNodes(names, "cluster.destroy", () => ({}), actionBoundsOf(ctx));
  for (const [node, r] of destroyed) {
    if (r.ok) ctx.reports.add(info("GENERIC", { text: `${node}: Successfully destroyed cluster` }));
    else ctx.reports.add(forceableError("GENERIC", { text: `${node}: ${r.error.report.message}` }));
  }
  ctx.reports.throwIfErrors();
  await distribute(ctx, remaining, conf, remaining);
  const env = await ctx.env();
  await env.editCib((cib) => {
    for (const n of section(cib, "nodes").children.filter((e) => names.includes(e.attrs.uname ?? ""))) detach(n);
    const status = cib.children.find((c) => c.name === "status");
    for (const n of status?.children.filter((e) => e.name === "node_state" && names.includes(e.attrs.uname ?? "")) ?? []) detach(n);
  }, ctx.reports);
  const cluster = readLocalCluster();
  if (cluster) writeLocalCluster({ ...cluster, nodes: remaining });
}

