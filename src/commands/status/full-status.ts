// pcs status [--full] [--hide-inactive]: the cluster name, pcs's warnings, crm_mon's status
// (with --full: --show-detail --show-node-attributes --failcounts and the whole fencing history) and,
// with --full, crm_ticket's tickets. On a CIB file pcs wants the corosync.conf too (--corosync_conf).
import type { CommandContext } from "../context.js";
import type { FenceHistoryEntry } from "../../transport/fencing-types.js";
import { clusterProperty } from "../../cib/properties.js";
import type { XmlElement } from "../../cib/xml.js";
import type { Env } from "../../env/index.js";
import { fail, ReportedError } from "../../report/index.js";
import type { Cluster } from "../../scheduler/types.js";
import { clusterSummaryLines } from "../../status/cluster-summary.js";
import { failedActionLines } from "../../status/failed-actions.js";
import { statusFencingLines } from "../../status/fence-history.js";
import { detailedNodeLines, migrationSummaryLines, nodeAttributeLines } from "../../status/node-details.js";
import { pcsStatusWarnings } from "../../status/pcs-warnings.js";
import { currentPlacement, renderNodes, renderResources } from "../../status/render.js";
import { ticketDetailLines } from "../../status/tickets.js";
import { readLocalCluster } from "../../transport/config-dir.js";
import { usageError } from "../defaults/args.js";
import { readCorosyncFacts } from "./corosync-file.js";
import { loadCib } from "./status.js";

interface FenceHistoryView {
  entries: FenceHistoryEntry[];
  unavailable?: string;
}

/**
 * The fencer's history for crm_mon's fencing sections: none on a CIB file (crm_mon reads no history
 * there) nor from agents without a fencer; "Not connected" when the fencer does not answer.
 */
async function fenceHistoryOf(env: Env): Promise<FenceHistoryView | undefined> {
  if (env.kind !== "live" || !env.call) return undefined;
  try {
    return { entries: (await env.call<{ entries: FenceHistoryEntry[] }>("fence.history", {})).entries };
  } catch (e) {
    if (!(e instanceof ReportedError)) throw e;
    if (e.reports.some((r) => r.message.includes("unknown method"))) return undefined;
    return { entries: [], unavailable: "Not connected" };
  }
}

/**
 * pcs reads the name from corosync.conf: the environment's (a Pacemaker node's own), the cluster this
 * configuration set up, else (a Pacemaker cluster reached through pcs-agent) the name its controller
 * records in the CIB.
 */
function liveClusterName(env: Env, cib: XmlElement): string | undefined {
  const known = env.clusterName?.() ?? readLocalCluster()?.name;
  if (known !== undefined || env.kind !== "live") return known;
  return clusterProperty(cib, "cluster-name");
}

/** Sections after an empty line each, as crm_mon spaces them; empty sections are left out. */
function spaced(...sections: string[][]): string[] {
  return sections.filter((s) => s.length).flatMap((s, i) => (i ? ["", ...s] : s));
}

/** crm_mon --one-shot [--inactive] [--show-detail --show-node-attributes --failcounts]. */
export function crmMonLines(cib: XmlElement, cluster: Cluster, o: { full: boolean; hideInactive: boolean; now: number }): string[] {
  const online = new Set(cluster.nodes.filter((n) => n.online).map((n) => n.uname));
  const failed = failedActionLines(cib, (n) => online.has(n), { technical: o.full });
  const nodes = o.full ? detailedNodeLines(cluster) : cluster.nodes.length ? renderNodes(cluster, currentPlacement) : [];
  return spaced(
    clusterSummaryLines(cib, cluster, { now: o.now, detail: o.full }),
    nodes,
    renderResources(cluster, currentPlacement, { hideInactive: o.hideInactive, detail: o.full }),
    o.full ? nodeAttributeLines(cluster) : [],
    o.full ? migrationSummaryLines(cib, cluster) : [],
    failed.length ? ["Failed Resource Actions:", ...failed] : [],
  );
}

export async function statusCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError();
  const file = ctx.has("-f");
  const corosyncFile = ctx.value("--corosync_conf");
  if (file && corosyncFile === undefined) fail("GENERIC", { text: "When '-f' is specified, '--corosync_conf' must be specified as well" });
  if (!file && corosyncFile !== undefined) fail("GENERIC", { text: "When '--corosync_conf' is specified, '-f' must be specified as well" });
  const full = ctx.has("--full");
  const env = await ctx.env();
  // asked for while the CIB is read
  const history = fenceHistoryOf(env);
  history.catch(() => undefined);
  const { cib, cluster } = await loadCib(ctx);
  const clusterName = corosyncFile !== undefined ? readCorosyncFacts(corosyncFile, ctx.reports).clusterName : liveClusterName(env, cib);
  const warnings = pcsStatusWarnings(cib);
  const lines = [
    ...(clusterName !== undefined ? [`Cluster name: ${clusterName}`] : []),
    ...(warnings.length ? ["", "WARNINGS:", ...warnings, ""] : []),
    ...crmMonLines(cib, cluster, { full, hideInactive: ctx.has("--hide-inactive"), now: Date.now() }),
  ];
  const fencing = await history;
  if (fencing) lines.push(...statusFencingLines(fencing.entries, { full, unavailable: fencing.unavailable }));
  if (full) lines.push("", "Tickets:", ...ticketDetailLines(cib).map((l) => `  ${l}`));
  ctx.print(lines.join("\n"));
}
