// Rules of resource / operation defaults sets: pcs's newer rule grammar (with `resource c:p:t` and
// `op name [interval=..]`), the expressions each section allows, and the schema upgrade they need.
import { error, info, type ReportItem } from "../report/index.js";
import { upgradeCibSchema, schemaAtLeast } from "./constraints/common.js";
import type { DefaultsSection } from "./defaults.js";
import type { IdIndex } from "./ids.js";
import { appendRule, parseRule, ruleLeaves, RuleSyntaxError, type RuleNode } from "./rules/index.js";
import type { Runner } from "../host/runner.js";
import type { XmlElement } from "./xml.js";

export type ParsedDefaultsRule = { ok: true; node: RuleNode } | { ok: false; report: ReportItem };

export function parseDefaultsRule(words: readonly string[]): ParsedDefaultsRule {
  try {
    // pcs joins the words into one text and splits it at whitespace again: no quoting
    const tokens = words.join(" ").replace(/[()]/g, " $& ").split(/\s+/).filter(Boolean);
    return { ok: true, node: parseRule(caselessKeywords(tokens), { rscOp: true }) };
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
    return { ok: false, report: error("DEFAULTS_RULE_INVALID", { rule: words.join(" "), detail: e.detail }) };
  }
}

const KEYWORDS = new Set(["and", "or", "eq", "ne", "lt", "gt", "lte", "gte", "in_range", "to", "defined", "not_defined", "date-spec", "duration", "resource", "op", "string", "integer", "number", "version"]);
const VALUE_AFTER = new Set(["eq", "ne", "lt", "gt", "lte", "gte", "string", "integer", "number", "version", "resource", "op", "defined", "not_defined"]);

/** The keywords of pcs's newer grammar are case-insensitive; names and values keep their case. */
function caselessKeywords(tokens: readonly string[]): string[] {
  const out: string[] = [];
  tokens.forEach((token, i) => {
    const low = token.toLowerCase();
    const previous = out[i - 1];
    const next = tokens[i + 1]?.toLowerCase();
    const valuePosition = previous !== undefined && VALUE_AFTER.has(previous) && !(["string", "integer", "number", "version"].includes(low) && ["eq", "ne", "lt", "gt", "lte", "gte"].includes(previous));
    if (!valuePosition && KEYWORDS.has(low)) out.push(low);
    else if (!valuePosition && low === "date" && ["gt", "lt", "in_range"].includes(next ?? "")) out.push(low);
    else if (/^interval=/i.test(token) && out[i - 2] === "op") out.push(`interval=${token.slice(9)}`);
    else out.push(token);
  });
  return out;
}

/**
 * Upgrade the CIB as pcs does before validating: to the latest schema when the rule has resource or
 * operation expressions (they need 3.4) or compares as integer (3.5). Returns the report to show.
 */
export function upgradeForDefaultsRule(cib: XmlElement, node: RuleNode): ReportItem[] {
  const leaves = ruleLeaves(node);
  const needs34 = leaves.some((l) => l.kind === "rsc" || l.kind === "op");
  const needs35 = leaves.some((l) => l.kind === "compare" && l.type === "integer");
  if ((needs34 && !schemaAtLeast(cib, 3, 4)) || (needs35 && !schemaAtLeast(cib, 3, 5))) {
    if (upgradeCibSchema(cib)) return [info("CIB_UPGRADE_SUCCESSFUL", {} as never)];
  }
  return [];
}

/** Resource defaults take no operation or node attribute expressions; operation defaults take all. */
export function validateDefaultsRule(node: RuleNode, name: DefaultsSection): ReportItem[] {
  if (name === "op_defaults") return [];
  const kinds: ("expression" | "op")[] = [];
  for (const leaf of ruleLeaves(node)) {
    const kind = leaf.kind === "op" ? "op" : leaf.kind === "compare" || leaf.kind === "defined" ? "expression" : undefined;
    if (kind && !kinds.includes(kind)) kinds.push(kind);
  }
  return kinds.map((kind) => error("RULE_EXPRESSION_NOT_ALLOWED", { kind }));
}

export function appendDefaultsRule(set: XmlElement, node: RuleNode, ids: IdIndex): XmlElement {
  return appendRule(set, node, { ids, topScore: "INFINITY", nestedScore: "0" });
}

/** What `crm_rule --check` says of a rule: its exit code mapped as pcs maps it. */
export type RuleStatus = "in effect" | "expired" | "not yet in effect" | "unknown";

export async function ruleInEffectStatus(runner: Runner, cibXml: string, ruleId: string): Promise<RuleStatus> {
  const result = await runner("crm_rule", ["--check", "--rule", ruleId, "--xml-text", "-"], { stdin: cibXml });
  return result.code === 0 ? "in effect" : result.code === 110 ? "expired" : result.code === 111 ? "not yet in effect" : "unknown";
}
