// pcs status, pcs status resources|nodes, pcs resource status: the cluster status from the CIB's
// status section, in crm_mon's layout (as real pcs prints crm_mon's output).
import type { CommandContext } from "../../cli/route-types.js";
import { fail } from "../../report/index.js";
import { unpackStatus } from "../../scheduler/status-view.js";
import type { Cluster, Resource } from "../../scheduler/types.js";
import { currentPlacement, renderNodes, renderResources } from "../../status/render.js";
import { nodeSummary } from "../../status/nodes.js";
import { liveSummaryHead } from "../../status/cluster-summary.js";
import { failedActionLines } from "../../status/failed-actions.js";
import { readLocalCluster } from "../../transport/config-dir.js";
import type { XmlElement } from "../../cib/xml.js";
import type { FenceHistoryEntry } from "../../cluster/fencer/types.js";
import type { Env } from "../../env/index.js";
import { ReportedError } from "../../report/index.js";
import { statusFencingLines } from "../../status/fence-history.js";

export async function loadCib(ctx: CommandContext): Promise<{ cib: XmlElement; cluster: Cluster }> {
  const cib = await (await ctx.env()).readCib();
  return { cib, cluster: unpackStatus(cib, Date.now()) };
}

async function loadCluster(ctx: CommandContext): Promise<Cluster> {
  return (await loadCib(ctx)).cluster;
}

function matchesId(r: Resource, id: string): boolean {
  if (r.id === id || r.baseId === id) return true;
  return r.children.some((c) => matchesId(c, id));
}

function runsOn(r: Resource, node: string): boolean {
  if (r.variant === "primitive") return r.running.some((n) => n.uname === node);
  return r.children.some((c) => runsOn(c, node));
}

/** The resource lines as pcs prints them: crm_mon's block, stonith devices left out unless asked for. */
export function resourceLines(cluster: Cluster, options: { hideInactive: boolean; id?: string; node?: string; stonith?: boolean }): string[] {
  const { id, node } = options;
  const only = (r: Resource) => (id === undefined || matchesId(r, id)) && (node === undefined || runsOn(r, node));
  const lines = renderResources(cluster, currentPlacement, { hideInactive: options.hideInactive || node !== undefined, only }).slice(1);
  if (lines.length === 1 && lines[0] === "  * No active resources") return ["No active resources"];
  if (lines.length === 1 && lines[0] === "  * No resources") {
    if (id !== undefined && node === undefined) fail("STATUS_RESOURCE_NOT_FOUND", { id });
    return [node === undefined ? (options.stonith ? "NO stonith devices configured" : "NO resources configured") : "No active resources"];
  }
  const isStonithLine = (l: string) => /\(stonith:/.test(l);
  const kept = id !== undefined ? lines : lines.filter((l) => isStonithLine(l) === !!options.stonith);
  if (!kept.length) return [options.stonith ? "NO stonith devices configured" : "NO resources configured"];
  return kept;
}

/** `[<resource id>] [node=<node>]` as pcs reads it: the first word without "=" is the id, the rest options. */
export function parseResourceArgs(ctx: CommandContext): { id?: string; node?: string } {
  if (ctx.args.length > 2) fail("GENERIC", { text: "Too many arguments" });
  const rest = [...ctx.args];
  const idAt = rest.findIndex((a) => !a.includes("="));
  const id = idAt < 0 ? undefined : rest.splice(idAt, 1)[0];
  const options = new Map<string, string>();
  for (const arg of rest) {
    const eq = arg.indexOf("=");
    if (eq < 0) fail("GENERIC", { text: `missing value of '${arg}' option` });
    options.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  const unknown = [...options.keys()].filter((k) => k !== "node").sort();
  if (unknown.length) fail("GENERIC", { text: `Unknown option${unknown.length > 1 ? "s" : ""} '${unknown.join("', '")}'` });
  const node = options.get("node");
  if (node === "") fail("GENERIC", { text: "missing value of 'node' option" });
  return { id, node };
}

export async function resourceStatusCommand(ctx: CommandContext): Promise<void> {
  const { id, node } = parseResourceArgs(ctx);
  const cluster = await loadCluster(ctx);
  ctx.print(resourceLines(cluster, { hideInactive: ctx.has("--hide-inactive"), id, node }).join("\n"));
}

export async function statusNodesCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 1) fail("GENERIC", { text: "Too many arguments" });
  const view = ctx.args[0];
  if (view !== undefined && view !== "config" && view !== "both" && view !== "corosync") fail("STATUS_UNKNOWN_VIEW", { view });
  const cluster = await loadCluster(ctx);
  ctx.print(nodeSummary(cluster).join("\n"));
}

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

export async function statusCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) fail("GENERIC", { text: "Too many arguments" });
  // asked for while the CIB is read
  const history = fenceHistoryOf(await ctx.env());
  history.catch(() => undefined);
  const { cib, cluster } = await loadCib(ctx);
  const live = !ctx.has("-f");
  const hide = ctx.has("--hide-inactive");
  const instances = cluster.primitives.filter((p) => !p.orphan).length;
  const disabled = cluster.primitives.filter((p) => {
    for (let r: Resource | undefined = p; r; r = r.parent) if (r.targetRole === "Stopped") return true;
    return false;
  }).length;
  const name = live ? readLocalCluster()?.name : undefined;
  const lines = [
    ...(name ? [`Cluster name: ${name}`] : []),
    "Cluster Summary:",
    ...(live ? liveSummaryHead(cib, Date.now()) : []),
    `  * ${cluster.nodes.length} node${cluster.nodes.length === 1 ? "" : "s"} configured`,
    `  * ${instances} resource instance${instances === 1 ? "" : "s"} configured${disabled ? ` (${disabled} DISABLED)` : ""}`,
    "",
    ...renderNodes(cluster, currentPlacement),
    "",
    ...renderResources(cluster, currentPlacement, { hideInactive: hide }),
  ];
  const online = new Set(cluster.nodes.filter((n) => n.online).map((n) => n.uname));
  const failed = failedActionLines(cib, (n) => online.has(n), { technical: ctx.has("--full") });
  if (failed.length) lines.push("", "Failed Resource Actions:", ...failed);
  const fencing = await history;
  if (fencing) lines.push(...statusFencingLines(fencing.entries, { full: ctx.has("--full"), unavailable: fencing.unavailable }));
  ctx.print(lines.join("\n"));
}
