// pcs resource defaults ... / pcs resource op defaults ...: thin handlers over src/cib/defaults.ts.
import {
  createDefaultsSet,
  schemaInvalidSetOptions,
  findDefaultsSet,
  listDefaultsSets,
  updateOnlyDefaultsSet,
  validateSetOptions,
  warningDefaultsOverride,
  type DefaultsSection,
} from "../../cib/defaults.js";
import { updateMultiNvset } from "../../cib/defaults-nvset.js";
import { appendDefaultsRuleTree, upgradeForDefaultsRuleTree } from "./rule-cib.js";
import { parseDefaultsRuleText, RuleParseError, type DefaultsRule } from "./rule-parser.js";
import { validateDefaultsRuleTree } from "./rule-validate.js";
import { ruleStatuses } from "./rule-status.js";
import { ruleDetailLines } from "../../cib/rules/index.js";
import { IdIndex } from "../../cib/ids.js";
import { detach, serializeXml } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { deprecation, error, fail, type ReportItem } from "../../report/index.js";
import { groupByKeywords, prepareOptions, usageError } from "./args.js";
import { deprecatedCommandText } from "../legacy.js";

/** The options listing the defaults accepts; the legacy `defaults name=value` form ignores any option. */
const CONFIG_OPTIONS = ["-f", "--all", "--full", "--no-expire-check", "--debug", "--request-timeout", "--corosync_conf"];

const sectionOf = (ctx: CommandContext): DefaultsSection => (ctx.route.path[1] === "op" ? "op_defaults" : "rsc_defaults");
const commandName = (ctx: CommandContext) => (sectionOf(ctx) === "op_defaults" ? "pcs resource op defaults" : "pcs resource defaults");

async function update(ctx: CommandContext, pairs: Map<string, string>): Promise<void> {
  const name = sectionOf(ctx);
  const env = await ctx.env();
  if (!pairs.size) {
    await env.readCib();
    return;
  }
  await env.editCib((cib, reports) => {
    const items = updateOnlyDefaultsSet(cib, name, pairs, `${commandName(ctx)} set update`);
    reports.add(...items);
  }, ctx.reports);
}

/** `defaults` alone lists; `defaults name=value...` is the deprecated form of `defaults update`. */
export async function defaultsCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) {
    const unsupported = [...ctx.options.keys()].filter((o) => !CONFIG_OPTIONS.includes(o)).sort();
    if (unsupported.length) fail("OPTION_NOT_SUPPORTED", { options: unsupported });
    return defaultsConfigCommand(ctx);
  }
  // pcs's routers: `set` alone wants a sub-command; any other word is an unknown sub-command
  if (!ctx.args[0].includes("=")) {
    if (ctx.args[0] === "set") usageError(["set"], ctx.args.length > 1);
    usageError([], true);
  }
  ctx.reports.add(
    deprecation("DEPRECATED_SYNTAX", {
      text: deprecatedCommandText(`${commandName(ctx)} update`),
    }),
  );
  await update(ctx, prepareOptions(ctx.args));
}

export async function defaultsUpdateCommand(ctx: CommandContext): Promise<void> {
  await update(ctx, prepareOptions(ctx.args));
}

export async function defaultsConfigCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError();
  const env = await ctx.env();
  const cib = await env.readCib();
  const sets = listDefaultsSets(cib, sectionOf(ctx));
  if (!sets.length) {
    ctx.print("No defaults set");
    return;
  }
  const detail = ctx.has("--full");
  const check = !ctx.has("--no-expire-check") && sets.some((s) => s.rule);
  const cibXml = check ? serializeXml(cib) : "";
  const ruleIds = check ? sets.flatMap((s) => (s.rule ? [s.rule.attrs.id ?? ""] : [])) : [];
  const statuses = await ruleStatuses(env.runner, cibXml, ruleIds);
  const lines: string[] = [];
  for (const set of sets) {
    const status = (set.rule && statuses.get(set.rule.attrs.id ?? "")) || "unknown";
    if (status === "expired" && !ctx.has("--all")) continue;
    const label = status === "expired" || status === "not yet in effect" ? ` (${status})` : "";
    const options = Object.entries(set.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    lines.push(`Meta Attrs${label}: ${set.id}${options.length ? " " + options.map(([k, v]) => `${k}=${v}`).join(" ") : ""}`);
    const pairs = set.pairs.map((p) => [p.name, p.value]).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
    for (const [k, v] of pairs) lines.push(`  ${k}=${v}`);
    if (set.rule) lines.push(...ruleDetailLines(set.rule, { detail, label: label ? status : undefined }).map((l) => `  ${l}`));
  }
  ctx.print(lines.join("\n"));
}

export async function defaultsSetCreateCommand(ctx: CommandContext): Promise<void> {
  const groups = groupByKeywords(ctx.args, ["meta", "rule"], { implicitFirst: "options", repeatAllowed: false });
  const pairs = prepareOptions(groups.get("meta")!);
  const options = prepareOptions(groups.get("options")!);
  const rule = groups.get("rule")!;
  const name = sectionOf(ctx);
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const parsed = rule.length ? parseRuleReport(rule.join(" ")) : undefined;
    if (parsed?.rule) reports.add(...upgradeForDefaultsRuleTree(cib, parsed.rule));
    const ids = new IdIndex(cib);
    reports.add(...validateSetOptions(options, ids));
    if (parsed?.report) reports.add(parsed.report);
    if (parsed?.rule) {
      const allowed = { rsc: true, op: name === "op_defaults", nodeAttribute: name === "op_defaults" };
      reports.add(...validateDefaultsRuleTree(parsed.rule, allowed));
    }
    reports.throwIfErrors();
    const tree = parsed?.rule;
    createDefaultsSet(cib, name, pairs, options, ids, tree && ((set) => appendDefaultsRuleTree(cib, set, tree, ids)));
    reports.add(warningDefaultsOverride());
    // the CIB schema rejects the attributes --force let through, as pushing it to pacemaker does
    if (schemaInvalidSetOptions(options).length) fail("CIB_SCHEMA_REJECTED", {});
  }, ctx.reports);
}

export async function defaultsSetRemoveCommand(ctx: CommandContext): Promise<void> {
  const name = sectionOf(ctx);
  const env = await ctx.env();
  if (!ctx.args.length) {
    await env.readCib();
    return;
  }
  await env.editCib((cib, reports) => {
    const found = ctx.args.map((id) => findDefaultsSet(cib, name, id));
    for (const item of found) if ("code" in item) reports.add(item);
    reports.throwIfErrors();
    for (const item of found) if (!("code" in item)) detach(item);
  }, ctx.reports);
}

export async function defaultsSetUpdateCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError();
  const [id, ...rest] = ctx.args;
  const groups = groupByKeywords(rest, ["meta"], { repeatAllowed: false });
  const pairs = prepareOptions(groups.get("meta")!);
  const name = sectionOf(ctx);
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const set = findDefaultsSet(cib, name, id);
    if ("code" in set) {
      reports.add(set);
      reports.throwIfErrors();
      return;
    }
    updateMultiNvset(set, pairs, new IdIndex(cib));
    reports.add(warningDefaultsOverride());
  }, ctx.reports);
}

/** The parsed rule, or pcs's report of where the text stops parsing (with a marker under the column). */
function parseRuleReport(text: string): { rule?: Extract<DefaultsRule, { kind: "bool" }>; report?: ReportItem } {
  try {
    return { rule: parseDefaultsRuleText(text) };
  } catch (e) {
    if (!(e instanceof RuleParseError)) throw e;
    const marker = `${"-".repeat(e.column - 1)}^`;
    const where = `parse error near or after line 1 column ${e.column}`;
    return { report: error("GENERIC", { text: `'${text}' is not a valid rule expression, ${where}\n  ${text}\n  ${marker}` }) };
  }
}
