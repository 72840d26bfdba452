// pcs cluster setup: write corosync.conf (pcs's layout), the initial CIB, the node list and a
// cluster key to every node; optionally enable and start the cluster.
import { randomUUID } from "node:crypto";
import type { CommandContext } from "../context.js";
import { error, forceableError, info } from "../../report/index.js";
import type { NodeBounds } from "../../env/live-bounds.js";
import { rememberToken } from "../../env/live-memory.js";
import { askNodes } from "../../env/live-nodes.js";
import { readKnownHosts, writeLocalCluster } from "../../transport/config-dir.js";
import { corosyncFacts, renderCorosyncConf } from "../../transport/corosync-conf.js";
import { generateKeyPair } from "../../transport/keys.js";
import { initialCib } from "./initial-cib.js";
import { actionBoundsOf, enableOnNodes, failUnlessAll, queryBoundsOf } from "./node-calls.js";
import { parseSetupArgs, validateSetup } from "./setup-args.js";
import { withUsage } from "./usage.js";

export async function setupCommand(ctx: CommandContext): Promise<void> {
  const args = withUsage(ctx, () => parseSetupArgs(ctx.args));
  ctx.reports.add(...validateSetup(args));
  const known = readKnownHosts();
  const unknown = [...new Set(args.nodes.filter((n) => !known[n.name]).map((n) => n.name))];
  for (const host of unknown) ctx.reports.add(error("HOST_NOT_FOUND", { host }));
  if (unknown.length === new Set(args.nodes.map((n) => n.name)).size) ctx.reports.add(error("NONE_HOST_FOUND", {}));
  ctx.reports.throwIfErrors();

  const nodes = args.nodes.map((n, i) => {
    const addrs = n.addrs.length ? n.addrs : [known[n.name].host];
    if (!n.addrs.length) ctx.reports.add(info("NODE_ADDRESS_DEFAULTED", { node: n.name, address: addrs[0] }));
    return { name: n.name, nodeid: i + 1, addrs };
  });
  const names = nodes.map((n) => n.name);
  // the nodes' bounds follow the token of the cluster being set up
  const tokenOption = args.totem.find(([k]) => k === "token")?.[1];
  const token = tokenOption && /^\d+$/.test(tokenOption) ? Number(tokenOption) : undefined;

  const status = await askNodes<{ cluster: string | null; running: boolean }>(names, "cluster.status", () => ({}), queryBoundsOf(ctx, token));
  for (const [node, r] of status) {
    if (!r.ok) ctx.reports.add(r.error.report);
    else if (r.value.cluster) ctx.reports.add(forceableError("NODE_IN_CLUSTER", { node }));
  }
  ctx.reports.throwIfErrors();

  const corosyncConf = renderCorosyncConf({
    clusterName: args.clusterName,
    clusterUuid: ctx.has("--no-cluster-uuid") ? "" : randomUUID().replace(/-/g, ""),
    transport: args.transport,
    nodes,
    transportOptions: args.transportOptions,
    totemOptions: args.totem,
    quorumOptions: args.quorum,
  }).replace(/^ {4}cluster_uuid: \n/m, "");
  const cib = initialCib(args.clusterName, nodes);
  const clusterKey = generateKeyPair("pcs-lite cluster key");
  const peers = names.map((name) => ({ name, host: known[name].host, port: known[name].port, fingerprint: known[name].fingerprint }));

  ctx.reports.add(info("CLUSTER_FILES_SENT", { files: ["cluster key", "corosync.conf", "cib.xml"], nodes: names }));
  const sent = await askNodes(
    names,
    "cluster.setup",
    (localName) => ({ corosyncConf, cib, clusterKey, peers: { localName, peers }, force: ctx.force }),
    actionBoundsOf(ctx, token),
  );
  for (const [node, r] of sent) {
    if (!r.ok) ctx.reports.add(r.error.report);
    else for (const file of ["cluster key", "corosync.conf"]) ctx.reports.add(info("CLUSTER_FILE_DISTRIBUTED", { node, file }));
  }
  ctx.reports.throwIfErrors();
  writeLocalCluster({ name: args.clusterName, nodes: names });
  rememberToken(corosyncFacts(corosyncConf).token);
  ctx.reports.add(info("CLUSTER_SETUP_SUCCESS", {}));
  if (ctx.has("--enable")) await enableOnNodes(ctx, names, actionBoundsOf(ctx, token));
  if (ctx.has("--start")) {
    ctx.reports.add(info("CLUSTER_STARTING", { nodes: names }));
    const started = await askNodes(names, "cluster.start", () => ({}), actionBoundsOf(ctx, token));
    failUnlessAll(ctx, "start", started);
    await waitForQuorum(names, queryBoundsOf(ctx, token), ctx.value("--wait"));
  }
}

/**
 * Until the started nodes are members under a DC and the CIB's status section says so (so that
 * `pcs status` right after shows them online); at most `seconds` (--wait) or 15 s. Returns at once
 * when too few nodes run for a quorum.
 */
export async function waitForQuorum(names: string[], bounds: NodeBounds, seconds: string | undefined, all: string[] = names): Promise<boolean> {
  const deadline = Date.now() + (seconds ? Number(seconds) * 1000 : 15000);
  while (Date.now() < deadline) {
    const r = await askNodes<{ dc: string | null; running: boolean; members: string[]; onlineInCib?: string[]; quorumNeeded: number }>(
      all,
      "cluster.status",
      () => ({}),
      bounds,
    );
    const answers = [...r.values()].flatMap((s) => (s.ok ? [s.value] : []));
    const dcName = answers.find((a) => a.dc)?.dc;
    const dc = dcName ? r.get(dcName) : undefined;
    if (dc?.ok && names.every((n) => dc.value.members.includes(n) && dc.value.onlineInCib?.includes(n))) return true;
    const running = answers.filter((a) => a.running).length;
    if (!seconds && answers.length && running < Math.max(...answers.map((a) => a.quorumNeeded))) return false;
    await new Promise((res) => setTimeout(res, 150));
  }
  return false;
}
