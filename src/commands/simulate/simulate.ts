// pcs simulate [--time <ISO 8601>] [--scores] [--save-graph FILE]: crm_simulate -S's report for the CIB
// (file or live); --save-graph also writes the transition graph as crm_simulate -G does.
import { closeSync, openSync, writeSync } from "node:fs";
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";
import { transitionGraphChunks } from "../../scheduler/graph.js";
import { schedule, scoreLines, transitionSummary } from "../../scheduler/index.js";
import { parseIsoTime } from "../../scheduler/time.js";
import { currentPlacement, nextPlacement, renderStatus } from "../../status/render.js";
import { transitionLines } from "./transition.js";

export function parseTime(value: string): number {
  const ms = parseIsoTime(value);
  if (ms === undefined) fail("SIMULATE_INVALID_TIME", { value });
  return ms;
}

/** Written as it is made: a graph of 5,000 resources is tens of megabytes. */
function saveGraph(file: string, chunks: Iterable<string>): void {
  const cannot = (e: unknown): never => fail("SIMULATE_CANNOT_WRITE_GRAPH", { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  let fd: number;
  try {
    fd = openSync(file, "w");
  } catch (e) {
    return cannot(e);
  }
  try {
    for (const chunk of chunks) {
      try {
        writeSync(fd, chunk);
      } catch (e) {
        cannot(e);
      }
    }
  } finally {
    closeSync(fd);
  }
}

export async function simulateCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) fail("SIMULATE_TOO_MANY_ARGUMENTS", {});
  const timeArg = ctx.value("--time");
  const cib = await (await ctx.env()).readCib();
  // Without --time, crm_simulate replays a saved input at the time it was recorded (execution-date).
  const recorded = Number(cib.attrs["execution-date"] ?? "");
  const useRecorded = timeArg === undefined && Number.isFinite(recorded) && recorded > 0;
  const now = timeArg !== undefined ? parseTime(timeArg) : useRecorded ? recorded * 1000 : Date.now();
  const result = schedule(cib, now);
  const graphFile = ctx.value("--save-graph");
  if (graphFile !== undefined) saveGraph(graphFile, transitionGraphChunks(cib, now, result));
  const lines: string[] = [];
  if (timeArg !== undefined) lines.push(`Setting effective cluster time: ${timeArg}`);
  else if (useRecorded) lines.push(`Using the original execution date of: ${new Date(now).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z")}`);
  const instances = result.cluster.primitives.filter((p) => !p.orphan);
  const disabled = instances.filter((p) => {
    for (let r: typeof p | undefined = p; r; r = r.parent) if (r.targetRole === "Stopped") return true;
    return false;
  }).length;
  const blocked = instances.filter((p) => p.blocked).length;
  if (disabled || blocked) {
    lines.push(`${disabled} of ${instances.length} resource instances DISABLED and ${blocked} BLOCKED from further action due to failure`, "");
  }
  lines.push("Current cluster status:", ...renderStatus(result.cluster, currentPlacement), "");
  if (ctx.has("--scores")) lines.push(...scoreLines(result.cluster), "");
  lines.push("Transition Summary:", ...transitionSummary(result), "");
  lines.push("Executing Cluster Transition:", ...transitionLines(result), "");
  const fenced = new Set(result.fencing.map((f) => f.node));
  lines.push("Revised Cluster Status:", ...renderStatus(result.cluster, nextPlacement, fenced));
  ctx.print(lines.join("\n"));
}
