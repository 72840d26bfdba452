// crm_mon's node sections with --show-detail --show-node-attributes --failcounts (pcs status --full):
// one line per node with its feature set, the node attributes, and the Migration Summary of fail counts.
import { epochText } from "../cib/ctime.js";
import { childElements, type XmlElement } from "../cib/xml.js";
import type { Cluster, Resource, SchedNode } from "../scheduler/types.js";
import { nodeDisplayName, nodeFeatureSet } from "./cluster-summary.js";

const INFINITY = 1000000;

/** Pacemaker's pe__node_health: 1 green, 0 yellow, -1 red (always green without a health strategy). */
export function nodeHealth(node: SchedNode, cluster: Cluster): number {
  if (cluster.options.nodeHealthStrategy === "none") return 1;
  const { red, yellow, green } = cluster.options.nodeHealthScores;
  let rc = 1;
  for (const [name, value] of node.attrs) {
    if (!name.startsWith("#health")) continue;
    const lower = value.toLowerCase();
    if (lower === "red") return -1;
    if (lower === "yellow") {
      rc = 0;
      continue;
    }
    const score = scoreOf(value);
    if (score <= red) return -1;
    if (score <= yellow && yellow !== green) rc = 0;
  }
  return rc;
}

function scoreOf(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === "infinity" || v === "+infinity") return INFINITY;
  if (v === "-infinity") return -INFINITY;
  const n = parseInt(v, 10);
  return Number.isNaN(n) ? 0 : Math.max(-INFINITY, Math.min(INFINITY, n));
}

export const healthSuffix = (node: SchedNode, cluster: Cluster): string => {
  const health = nodeHealth(node, cluster);
  return health < 0 ? " (health is RED)" : health === 0 ? " (health is YELLOW)" : "";
};

/** Pacemaker's node_text_status. */
export function nodeStatusText(node: SchedNode, hostsResources: boolean): string {
  if (node.unclean) return node.online ? "UNCLEAN (online)" : node.pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
  if (node.pending) return "pending";
  if (node.standby) return node.online ? (hostsResources ? "standby (with active resources)" : "standby") : "OFFLINE (standby)";
  if (node.maintenance) return node.online ? "maintenance" : "OFFLINE (maintenance)";
  return node.online ? "online" : "OFFLINE";
}

function hostingNodes(cluster: Cluster): Set<string> {
  const hosting = new Set<string>();
  for (const p of cluster.primitives) for (const n of p.running) hosting.add(n.uname);
  return hosting;
}

/** The node list with --show-detail: every node on its own line. */
export function detailedNodeLines(cluster: Cluster): string[] {
  if (!cluster.nodes.length) return [];
  const hosting = hostingNodes(cluster);
  return [
    "Node List:",
    ...cluster.nodes.map((n) => {
      const featureSet = nodeFeatureSet(n);
      return `  * Node ${nodeDisplayName(n, true)}: ${nodeStatusText(n, hosting.has(n.uname))}${healthSuffix(n, cluster)}${featureSet ? `, feature set ${featureSet}` : ""}`;
    }),
  ];
}

const HIDDEN_ATTRIBUTE_PREFIXES = ["fail-count-", "last-failure-", "shutdown", "terminate", "standby", "#"];

/** The connectivity a ping resource running on the node expects for this attribute, if one sets it. */
function pingExpectation(node: SchedNode, cluster: Cluster, attribute: string): number | undefined {
  for (const p of cluster.primitives) {
    if (!p.running.includes(node)) continue;
    const type = p.agent.split(":").pop()!.toLowerCase();
    if (type !== "ping" && type !== "pingd") continue;
    const params = p.paramsOn?.(node) ?? p.params;
    if ((params.get("name") ?? "pingd").toLowerCase() !== attribute.toLowerCase()) continue;
    const hosts = params.get("host_list");
    const count = hosts === undefined ? 0 : hosts.split(" ").length;
    const multiplier = /^\s*[+-]?\d+/.test(params.get("multiplier") ?? "") ? parseInt(params.get("multiplier")!, 10) : 1;
    return count * multiplier;
  }
  return undefined;
}

function attributeLine(name: string, value: string, expected: number | undefined): string {
  const base = `    * ${name.padEnd(32)}\t: ${value.padEnd(10)}`;
  if (expected === undefined) return base;
  const v = /^\s*[+-]?\d+/.test(value) ? parseInt(value, 10) : 0;
  if (v <= 0) return `${base}\t: Connectivity is lost`;
  if (v < expected) return `${base}\t: Connectivity is degraded (Expected=${expected})`;
  return base;
}

/** The names of a node's own attributes (not Pacemaker's internal ones), sorted as crm_mon lists them. */
export function shownAttributeNames(node: SchedNode): string[] {
  return [...node.attrs.keys()].filter((k) => !HIDDEN_ATTRIBUTE_PREFIXES.some((p) => k.startsWith(p))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "Node Attributes": the online nodes' own attributes (not Pacemaker's internal ones). */
export function nodeAttributeLines(cluster: Cluster): string[] {
  const lines: string[] = [];
  for (const node of cluster.nodes) {
    if (!node.online) continue;
    const names = shownAttributeNames(node);
    if (!names.length) continue;
    if (!lines.length) lines.push("Node Attributes:");
    lines.push(`  * Node: ${nodeDisplayName(node, true)}:`);
    for (const name of names) lines.push(attributeLine(name, node.attrs.get(name)!, pingExpectation(node, cluster, name)));
  }
  return lines;
}

/** Fail-count attributes carry the operation since feature set 3.0.13; older DCs kept one per resource. */
function perOperationFailCounts(cib: XmlElement): boolean {
  const version = cib.attrs.crm_feature_set;
  if (!version) return false;
  const a = version.split(".").map((p) => parseInt(p, 10) || 0);
  const b = [3, 0, 13];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  return true;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Pacemaker's pe_get_failcount (no expiry): the fail count of a resource on a node and its last failure. */
function failCount(node: SchedNode, rsc: Resource, perOperation: boolean): { count: number; last: number } {
  let unique = false;
  for (let r = rsc.parent; r; r = r.parent) if (r.clone?.globallyUnique) unique = true;
  const name = unique ? rsc.id : rsc.baseId;
  const tail = `${unique ? "" : "(:[0-9]+)?"}${perOperation ? "#.+_[0-9]+" : ""}$`;
  const countRe = new RegExp(`^fail-count-${escapeRegExp(name)}${tail}`);
  const lastRe = new RegExp(`^last-failure-${escapeRegExp(name)}${tail}`);
  let count = 0;
  let last = 0;
  for (const [k, v] of node.attrs) {
    if (countRe.test(k)) count = Math.max(-INFINITY, Math.min(INFINITY, count + scoreOf(v)));
    else if (lastRe.test(k)) {
      const t = parseInt(v, 10);
      if (!Number.isNaN(t)) last = Math.max(last, t);
    }
  }
  return { count, last: count > 0 ? last : 0 };
}

function resourceForHistory(cluster: Cluster, id: string): Resource | undefined {
  const exact = cluster.byId.get(id);
  if (exact) return exact;
  const base = id.replace(/:\d+$/, "");
  return cluster.primitives.find((p) => p.id === id || p.historyName === id) ?? cluster.primitives.find((p) => p.baseId === base);
}

/** "Migration Summary": per online node with a history, the resources that failed there. */
export function migrationSummaryLines(cib: XmlElement, cluster: Cluster): string[] {
  const status = childElements(cib, "status")[0];
  const perOperation = perOperationFailCounts(cib);
  const lines: string[] = [];
  let header = false;
  for (const state of status ? childElements(status, "node_state") : []) {
    const node = cluster.nodes.find((n) => n.id === state.attrs.id);
    if (!node?.online) continue;
    if (!header) lines.push("Migration Summary:");
    header = true;
    const rows: string[] = [];
    for (const lrm of childElements(state, "lrm"))
      for (const resources of childElements(lrm, "lrm_resources"))
        for (const entry of childElements(resources, "lrm_resource")) {
          const rsc = entry.attrs.id === undefined ? undefined : resourceForHistory(cluster, entry.attrs.id);
          if (!rsc) continue;
          const { count, last } = failCount(node, rsc, perOperation);
          if (count <= 0) continue;
          rows.push(`    * ${entry.attrs.id}: migration-threshold=${rsc.migrationThreshold} fail-count=${count}${last > 0 ? ` last-failure='${epochText(last)}'` : ""}`);
        }
    if (rows.length) lines.push(`  * Node: ${nodeDisplayName(node, true)}:`, ...rows);
  }
  return lines;
}
