// crm_mon's "Cluster Summary": stack, DC and quorum, when the status was taken and when the
// configuration last changed, node and resource counts, and the maintenance banner.
import { descendants, type XmlElement } from "../cib/xml.js";
import { epochText } from "../cib/ctime.js";
import type { Cluster, Resource, SchedNode } from "../scheduler/types.js";

const isTrue = (v: string | undefined): boolean => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());

/** The value of the first nvpair with that name anywhere in the CIB, as crm_mon's XPath finds it. */
export function firstNvpair(cib: XmlElement, name: string): string | undefined {
  return descendants(cib, "nvpair").find((nv) => nv.attrs.name === name)?.attrs.value;
}

/** "Last change:  <time> by <user> via <client> on <origin>", as crm_mon builds it. */
function lastChangeText(cib: XmlElement): string {
  let s = cib.attrs["cib-last-written"] ?? "";
  if (cib.attrs["update-user"]) s += ` by ${cib.attrs["update-user"]}`;
  if (cib.attrs["update-client"]) s += ` via ${cib.attrs["update-client"]}`;
  if (cib.attrs["update-origin"]) s += ` on ${cib.attrs["update-origin"]}`;
  return s;
}

/** A node's name as crm_mon shows it; with `detail`, its id too when that differs. */
export function nodeDisplayName(node: SchedNode, detail: boolean): string {
  return detail && node.id.toLowerCase() !== node.uname.toLowerCase() ? `${node.uname} (${node.id})` : node.uname;
}

/** The feature set crm_mon shows for an online cluster node ("<3.15.1" when the node does not say). */
export const nodeFeatureSet = (node: SchedNode): string | undefined => (node.online ? (node.attrs.get("#feature-set") ?? "<3.15.1") : undefined);

export function mixedVersion(cluster: Cluster): boolean {
  const sets = new Set(cluster.nodes.map(nodeFeatureSet).filter((s) => s !== undefined));
  return sets.size > 1;
}

/** Pacemaker's pe__resource_is_disabled: the nearest target-role is Stopped (or Unpromoted in a promotable clone). */
export function isDisabled(rsc: Resource): boolean {
  let top: Resource = rsc;
  while (top.parent) top = top.parent;
  for (let r: Resource | undefined = rsc; r; r = r.parent) {
    if (r.targetRole === undefined) continue;
    return r.targetRole === "Stopped" || (r.targetRole === "Unpromoted" && !!top.clone?.promotable);
  }
  return false;
}

/** The resource instances crm_mon counts (orphans while still active), and how many are disabled or blocked. */
export function resourceCounts(cluster: Cluster): { instances: number; disabled: number; blocked: number } {
  const instances = cluster.primitives.filter((p) => !p.orphan || p.running.length > 0);
  return { instances: instances.length, disabled: instances.filter(isDisabled).length, blocked: instances.filter((p) => p.blocked).length };
}

export interface SummaryOptions {
  now: number;
  /** the node crm_mon runs on (live clusters) */
  localNode?: string;
  /** --show-detail: node ids */
  detail?: boolean;
}

export function clusterSummaryLines(cib: XmlElement, cluster: Cluster, o: SummaryOptions): string[] {
  const dcUuid = cib.attrs["dc-uuid"]?.toLowerCase();
  const dc = dcUuid === undefined ? undefined : cluster.nodes.find((n) => n.id.toLowerCase() === dcUuid);
  const quorum = isTrue(cib.attrs["have-quorum"]) ? "with" : "WITHOUT";
  const version = firstNvpair(cib, "dc-version") ?? "unknown";
  const { instances, disabled, blocked } = resourceCounts(cluster);
  const plural = (n: number) => (n === 1 ? "" : "s");
  const counts = [disabled ? `${disabled} DISABLED` : "", blocked ? `${blocked} BLOCKED from further action due to failure` : ""].filter(Boolean);
  const lines = [
    "Cluster Summary:",
    `  * Stack: ${firstNvpair(cib, "cluster-infrastructure") ?? "unknown"}`,
    dc
      ? `  * Current DC: ${nodeDisplayName(dc, !!o.detail)} (version ${version}) - ${mixedVersion(cluster) ? "MIXED-VERSION " : ""}partition ${quorum} quorum`
      : "  * Current DC: NONE",
    `  * Last updated: ${epochText(Math.floor(o.now / 1000))}${o.localNode ? ` on ${o.localNode}` : ""}`,
    `  * Last change:  ${lastChangeText(cib)}`,
    `  * ${cluster.nodes.length} node${plural(cluster.nodes.length)} configured`,
    `  * ${instances} resource instance${plural(instances)} configured${counts.length ? ` (${counts.join(", ")})` : ""}`,
  ];
  if (cluster.options.maintenanceMode) {
    lines.push("", "              *** Resource management is DISABLED ***", "  The cluster will not attempt to start, stop or recover services");
  } else if (cluster.options.stopAllResources) {
    lines.push("", "    *** Resource management is DISABLED ***", "  The cluster will keep all resources stopped");
  }
  return lines;
}
