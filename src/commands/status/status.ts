// pcs status resources|nodes, pcs resource status: the cluster status from the CIB's status section,
// in crm_mon's layout (as real pcs prints crm_mon's output). `pcs status` itself: ./full-status.ts.
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";
import { unpackStatus } from "../../scheduler/status-view.js";
import type { Cluster } from "../../scheduler/types.js";
import { currentPlacement, renderResources } from "../../status/render.js";
import { nodeSummary, type NodeState } from "../../status/nodes.js";
import { pacemakerNodes } from "../node/known-nodes.js";
import type { XmlElement } from "../../cib/xml.js";
import { existsSync } from "node:fs";
import { cibNodes } from "../../cib/node-attributes.js";
import { refuseCibFile } from "../resource/no-file.js";
import { readCorosyncFacts } from "./corosync-file.js";
import { nodeNames, resourceNames } from "../../status/resource-filter.js";
import { argError, splitOption, usageError } from "../defaults/args.js";

export const DEFAULT_COROSYNC_CONF = "/etc/corosync/corosync.conf";

/** The CIB each status view was unpacked from: its tags name resources and nodes in status filters. */
const sourceCib = new WeakMap<Cluster, XmlElement>();

/** The cluster as crm_mon sees it: a node without a node_state has not taken its standby or maintenance attribute. */
export function statusView(cib: XmlElement, now: number): Cluster {
  const cluster = unpackStatus(cib, now);
  sourceCib.set(cluster, cib);
  const status = cib.children.find((c) => c.name === "status");
  const states = new Set((status?.children ?? []).filter((c) => c.name === "node_state").map((c) => c.attrs.id));
  for (const node of cluster.nodes) {
    if (states.has(node.id)) continue;
    node.standby = false;
    node.maintenance = false;
  }
  return cluster;
}

export async function loadCib(ctx: CommandContext): Promise<{ cib: XmlElement; cluster: Cluster }> {
  const cib = await (await ctx.env()).readCib();
  return { cib, cluster: statusView(cib, Date.now()) };
}

async function loadCluster(ctx: CommandContext): Promise<Cluster> {
  return (await loadCib(ctx)).cluster;
}

/**
 * The resource lines as pcs prints them from crm_mon's resource block: with an id every line, else the
 * stonith devices' lines or the others'; crm_mon's "no resources" notes become pcs's messages.
 */
export function resourceLines(cluster: Cluster, options: { hideInactive: boolean; id?: string; node?: string; stonith?: boolean }): string[] {
  const { id, node } = options;
  const cib = sourceCib.get(cluster);
  const filter = cib ? { resources: resourceNames(cib, cluster, id), nodes: nodeNames(cib, cluster, node) } : {};
  const lines = renderResources(cluster, currentPlacement, { hideInactive: options.hideInactive, ...filter }).slice(1);
  const noneConfigured = options.stonith ? "NO stonith devices configured" : "NO resources configured";
  if (lines[0] === "  * No active resources") return ["No active resources"];
  if (lines[0] === "  * No resources") {
    if (id !== undefined && node === undefined) fail("STATUS_RESOURCE_NOT_FOUND", { id });
    return [node === undefined ? noneConfigured : "No active resources"];
  }
  const isStonithLine = (l: string) => l.includes("stonith:");
  const kept = id !== undefined ? lines : lines.filter((l) => isStonithLine(l) === !!options.stonith);
  return kept.length ? kept : [noneConfigured];
}

/** `[<resource id>] [node=<node>]` as pcs reads it: the first word without "=" is the id, the rest options. */
export function parseResourceArgs(ctx: CommandContext): { id?: string; node?: string } {
  if (ctx.args.length > 2) usageError();
  const rest = [...ctx.args];
  const idAt = rest.findIndex((a) => !a.includes("="));
  const id = idAt < 0 ? undefined : rest.splice(idAt, 1)[0];
  const options = new Map<string, string>();
  for (const arg of rest) {
    const [name, value] = splitOption(arg);
    const before = options.get(name);
    if (before !== undefined && before !== value) argError(`duplicate option '${name}' with different values '${before}' and '${value}'`);
    options.set(name, value);
  }
  const unknown = [...options.keys()].filter((k) => k !== "node").sort();
  if (unknown.length) argError(`Unknown option${unknown.length > 1 ? "s" : ""} '${unknown.join("', '")}'`);
  const node = options.get("node");
  if (node === "") argError("missing value of 'node' option");
  return { id, node };
}

export async function resourceStatusCommand(ctx: CommandContext): Promise<void> {
  const { id, node } = parseResourceArgs(ctx);
  const cluster = await loadCluster(ctx);
  ctx.print(resourceLines(cluster, { hideInactive: ctx.has("--hide-inactive"), id, node }).join("\n"));
}

const isTrue = (v: string | undefined): boolean => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());

/** An element's nvpairs of its sets named `tag` (first value of a name wins). */
function pairsOf(e: XmlElement | undefined, tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const set of e?.children.filter((c) => c.name === tag) ?? []) {
    for (const nv of set.children) if (nv.name === "nvpair" && nv.attrs.name && !out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
  }
  return out;
}

/**
 * Remote and guest nodes: online while their connection (or, for a guest, its container) runs; standby and
 * maintenance once Pacemaker has a state for them.
 */
function remoteNodeStates(cib: XmlElement, cluster: Cluster): NodeState[] {
  const status = cib.children.find((c) => c.name === "status");
  const configNodes = cibNodes(cib);
  const guestOf = new Map<string, string>();
  for (const p of cluster.primitives) {
    const guest = p.meta.get("remote-node");
    if (guest) guestOf.set(guest, p.id);
  }
  return pacemakerNodes(cib)
    .filter((n) => n.remote)
    .map((n) => {
      const connection = cluster.byId.get(guestOf.get(n.uname) ?? n.uname);
      const online = !!connection && connection.variant === "primitive" && connection.running.length > 0 && !connection.failed;
      const state = status?.children.find((c) => c.name === "node_state" && c.attrs.id === n.id);
      const attrs = new Map([...pairsOf(configNodes.find((c) => c.attrs.id === n.id), "instance_attributes")]);
      for (const [k, v] of pairsOf(state?.children.find((c) => c.name === "transient_attributes"), "instance_attributes")) attrs.set(k, v);
      const runsResources = cluster.primitives.some((p) => p.running.some((r) => r.uname === n.uname));
      return { uname: n.uname, online, standby: !!state && isTrue(attrs.get("standby")), maintenance: !!state && isTrue(attrs.get("maintenance")), runsResources };
    });
}

/**
 * `status nodes [config | corosync | both]`: pcs reads only the first word; anything else shows the
 * pacemaker view. `config` lists the configured nodes of corosync.conf and of the CIB.
 */
export async function statusNodesCommand(ctx: CommandContext): Promise<void> {
  const view = ctx.args.length === 1 ? ctx.args[0] : undefined;
  if (view === "corosync" || view === "both") {
    refuseCibFile(ctx);
    fail("GENERIC", { text: "corosync not running" });
  }
  const { cib, cluster } = await loadCib(ctx);
  if (view !== "config") {
    ctx.print(nodeSummary(cluster, remoteNodeStates(cib, cluster)).join("\n"));
    return;
  }
  const file = ctx.value("--corosync_conf") ?? DEFAULT_COROSYNC_CONF;
  const corosync = existsSync(file) ? readCorosyncFacts(file, ctx.reports).nodeNames : [];
  const pacemaker = cibNodes(cib)
    .filter((n) => n.attrs.uname && n.attrs.type !== "remote")
    .map((n) => n.attrs.uname!)
    .sort();
  ctx.print(["Corosync Nodes:", ...(corosync.length ? [` ${corosync.join(" ")}`] : []), "Pacemaker Nodes:", ...(pacemaker.length ? [` ${pacemaker.join(" ")}`] : [])].join("\n"));
}
