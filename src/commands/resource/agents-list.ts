// pcs resource standards | providers | agents [std[:provider]] | list [filter] [--nodesc], pcs stonith list
import { listAgents, listOcfProviders, listStandards, listStandardsAndProviders } from "../../agents/list.js";
import { loadAgent } from "../../agents/load.js";
import { fullName, type AgentName } from "../../agents/name.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { agentSources, type AgentSources } from "../../agents/sources.js";
import { terminalWidth, wrap } from "../../agents/textwrap.js";
import { AgentError } from "../../agents/types.js";
import type { CommandContext } from "../context.js";
import { fail, type Reports } from "../../report/index.js";
import { processRunner } from "../../host/runner.js";
import { usageError } from "./cli-usage.js";
import { refuseCibFile } from "./no-file.js";

const sources = (): AgentSources => agentSources(processRunner);

const byLower = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function resourceStandards(ctx: CommandContext): void {
  refuseCibFile(ctx);
  if (ctx.args.length) usageError(ctx);
  const standards = listStandards(sources()).filter((s) => s !== "stonith");
  if (!standards.length) fail("GENERIC", { text: "No standards found" });
  ctx.print(standards.join("\n"));
}

export function resourceProviders(ctx: CommandContext): void {
  refuseCibFile(ctx);
  if (ctx.args.length) usageError(ctx);
  const providers = listOcfProviders(sources());
  if (!providers.length) fail("GENERIC", { text: "No OCF providers found" });
  ctx.print(providers.join("\n"));
}

export function resourceAgents(ctx: CommandContext): void {
  refuseCibFile(ctx);
  if (ctx.args.length > 1) usageError(ctx);
  const src = sources();
  let wanted = ctx.args[0];
  if (wanted?.endsWith(":")) wanted = wanted.slice(0, -1);
  const list = wanted
    ? [{ standard: wanted.split(":")[0], provider: wanted.includes(":") ? wanted.slice(wanted.indexOf(":") + 1) : undefined }]
    : listStandardsAndProviders(src);
  const agents = list.filter((sp) => sp.standard !== "stonith").flatMap((sp) => listAgents(src, sp));
  if (!agents.length) fail("GENERIC", { text: `No agents found${ctx.args.length ? ` for ${ctx.args[0]}` : ""}` });
  ctx.print(agents.sort(byLower).join("\n"));
}

/** Run `task` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface ListedAgent {
  name: AgentName;
  shortdesc?: string;
}

async function describeAll(src: AgentSources, names: AgentName[], describe: boolean, reports: Reports): Promise<ListedAgent[]> {
  if (!describe) return names.map((name) => ({ name }));
  const loaded = await mapLimit(names, 16, async (name): Promise<ListedAgent | undefined> => {
    try {
      return { name, shortdesc: (await loadAgent(src, name)).metadata.shortdesc };
    } catch (e) {
      if (!(e instanceof AgentError)) throw e;
      reports.add(agentProblemReport(e.problem, { asWarning: true }));
      return undefined;
    }
  });
  return loaded.filter((a): a is ListedAgent => a !== undefined);
}

/** pcs's "name - description" line, the description wrapped to the terminal under itself. */
function formatLine(label: string, shortdesc: string | undefined): string {
  if (!shortdesc) return label;
  const prefix = `${label} - `;
  const desc = shortdesc.replace(/\n/g, " ").split(/\s+/).filter(Boolean).join(" ");
  const columns = Math.max(terminalWidth(), 40);
  let room = columns - prefix.length;
  if (room < 1) room = columns;
  return prefix + wrap(desc, room).join("\n" + " ".repeat(prefix.length));
}

async function listCommand(ctx: CommandContext, stonith: boolean): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length > 1) usageError(ctx);
  const src = sources();
  const search = ctx.args[0]?.toLowerCase();
  const names = listStandardsAndProviders(src)
    .filter((sp) => (sp.standard === "stonith") === stonith)
    .flatMap((sp) => listAgents(src, sp).map((type): AgentName => (sp.provider ? { standard: sp.standard, provider: sp.provider, type } : { standard: sp.standard, type })))
    .sort((a, b) => byCode(fullName(a), fullName(b)))
    .filter((n) => !search || fullName(n).toLowerCase().includes(search));
  const agents = await describeAll(src, names, !ctx.has("--nodesc"), ctx.reports);
  const what = stonith ? "stonith" : "resource";
  if (!agents.length) {
    if (search) fail("GENERIC", { text: `No ${what} agents matching the filter.` });
    fail("GENERIC", { text: stonith ? "No stonith agents available. Do you have fence agents installed?" : "No resource agents available. Do you have resource agents installed?" });
  }
  ctx.print(agents.map((a) => formatLine(stonith ? a.name.type : fullName(a.name), a.shortdesc)).join("\n"));
}

export const resourceList = (ctx: CommandContext): Promise<void> => listCommand(ctx, false);
export const stonithList = (ctx: CommandContext): Promise<void> => listCommand(ctx, true);
