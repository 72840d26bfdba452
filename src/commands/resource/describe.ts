// pcs resource describe <agent> [--full], pcs stonith describe <fence agent> [--full]
import { defaultOperations } from "../../agents/defaults.js";
import { describeAgent } from "../../agents/describe.js";
import { listAgents, listStandardsAndProviders } from "../../agents/list.js";
import { loadAgent } from "../../agents/load.js";
import { fullName, parseAgentName, type AgentName } from "../../agents/name.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { agentSources, type AgentSources } from "../../agents/sources.js";
import { outputIsTerminal, terminalWidth, wrap } from "../../agents/textwrap.js";
import { AgentError } from "../../agents/types.js";
import { uniquifyIntervals } from "../../cib/operations.js";
import type { CommandContext } from "../context.js";
import { deprecation, error, info, ReportedError, type ReportItem } from "../../report/index.js";
import { processRunner } from "../../host/runner.js";
import { usageError } from "./cli-usage.js";
import { refuseCibFile } from "./no-file.js";

/** A bare type among every installed agent (pcs's CLI guess for describe). */
/** `summarize`: end a failure with pcs's closing summary line (its library commands do, the CLI's guess does not). */
function guessAgentName(src: AgentSources, ctx: CommandContext, type: string, summarize = false): AgentName {
  const lower = type.toLowerCase();
  const matches = listStandardsAndProviders(src).flatMap((sp) =>
    listAgents(src, sp)
      .filter((t) => t.toLowerCase() === lower)
      .map((t): AgentName => (sp.provider ? { standard: sp.standard, provider: sp.provider, type: t } : { standard: sp.standard, type: t })),
  );
  if (matches.length === 1) {
    ctx.reports.add(info("AGENT_NAME_GUESSED", { entered: type, guessed: fullName(matches[0]) }));
    return matches[0];
  }
  const stop = (item: ReportItem): never => {
    ctx.reports.add(item);
    throw new ReportedError([], summarize);
  };
  if (matches.length) stop(error("AGENT_NAME_GUESS_FOUND_MORE_THAN_ONE", { agent: type, names: matches.map(fullName).sort() }));
  return stop(error("AGENT_NAME_GUESS_FOUND_NONE", { agent: type }));
}

/** The agent a command line names: a full name, or a bare type guessed among the installed agents. */
export function agentNameFrom(src: AgentSources, ctx: CommandContext, text: string, summarize = false): AgentName {
  if (!text.includes(":")) return guessAgentName(src, ctx, text, summarize);
  const parsed = parseAgentName(text);
  if (!parsed) {
    ctx.reports.add(error("INVALID_RESOURCE_AGENT_NAME", { name: text }));
    ctx.reports.throwIfErrors();
  }
  return parsed!;
}

/** Wrap each line to the terminal (only when writing to one), continuation lines indented by 4. */
function smartWrap(lines: string[]): string[] {
  if (!outputIsTerminal()) return lines;
  const width = Math.max(terminalWidth(), 40);
  return lines.flatMap((line) => {
    if (!line) return [""];
    const lead = line.length - line.trimStart().length;
    return wrap(line, width, { subsequentIndent: " ".repeat(lead + 4) });
  });
}

async function describe(ctx: CommandContext, src: AgentSources, name: AgentName, stonith: boolean): Promise<void> {
  let agent;
  try {
    agent = await loadAgent(src, name);
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    ctx.reports.add(agentProblemReport(e.problem, { stonith }));
    ctx.reports.throwIfErrors();
    throw e;
  }
  for (const problem of agent.problems) ctx.reports.add(agentProblemReport(problem.problem, { asWarning: true }));
  const unique = uniquifyIntervals(defaultOperations(agent.metadata));
  ctx.reports.add(...unique.reports);
  ctx.print(smartWrap(describeAgent(agent.metadata, unique.ops, ctx.has("--full"))).join("\n"));
}

export async function resourceDescribe(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length !== 1) usageError(ctx);
  const src = agentSources(processRunner);
  const name = agentNameFrom(src, ctx, ctx.args[0]);
  if (name.standard === "stonith") {
    ctx.reports.add(
      deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith / fence agents", suffix: " Please use 'pcs stonith describe' instead." }),
    );
  }
  await describe(ctx, src, name, false);
}

export async function stonithDescribe(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length !== 1) usageError(ctx);
  await describe(ctx, agentSources(processRunner), { standard: "stonith", type: ctx.args[0] }, true);
}
