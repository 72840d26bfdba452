// A parsed defaults rule -> CIB <rule>, as pcs exports its rule tree: every boolean part a <rule> with
// boolean-op (nested ones score 0, the top one INFINITY), ids made from the parent's id.
import { schemaAtLeast, upgradeCibSchema } from "../../cib/constraints/common.js";
import type { IdIndex } from "../../cib/ids.js";
import type { DateParts } from "../../cib/rules/index.js";
import { createElement, type XmlElement } from "../../cib/xml.js";
import { info, type ReportItem } from "../../report/index.js";
import { ruleExpressions, type DefaultsRule, type RuleLeaf } from "./rule-parser.js";

function child(parent: XmlElement, name: string, suffix: string, ids: IdIndex, attrs: Record<string, string> = {}): XmlElement {
  return createElement(name, { id: ids.subelementId(parent, suffix), ...attrs }, parent);
}

const setParts = (element: XmlElement, parts: DateParts): void => {
  for (const [name, value] of parts) element.attrs[name] = value;
};

function appendLeaf(parent: XmlElement, leaf: RuleLeaf, ids: IdIndex, integerType: string): void {
  switch (leaf.kind) {
    case "date":
      child(parent, "date_expression", "expr", ids, { operation: leaf.op, [leaf.op === "gt" ? "start" : "end"]: leaf.date });
      return;
    case "in_range": {
      const expr = child(parent, "date_expression", "expr", ids, { operation: "in_range" });
      if (leaf.start) expr.attrs.start = leaf.start;
      if (leaf.duration?.length) setParts(child(expr, "duration", "duration", ids), leaf.duration);
      else if (leaf.end) expr.attrs.end = leaf.end;
      return;
    }
    case "date_spec":
      setParts(child(child(parent, "date_expression", "expr", ids, { operation: "date_spec" }), "date_spec", "datespec", ids), leaf.parts);
      return;
    case "defined":
      child(parent, "expression", "expr", ids, { attribute: leaf.attribute, operation: leaf.op });
      return;
    case "compare": {
      const expr = child(parent, "expression", "expr", ids, { attribute: leaf.attribute, operation: leaf.op, value: leaf.value });
      if (leaf.type) expr.attrs.type = leaf.type === "integer" ? integerType : leaf.type;
      return;
    }
    case "rsc": {
      const idPart = [leaf.standard, leaf.provider, leaf.type].filter(Boolean).join("-");
      const expr = child(parent, "rsc_expression", `rsc-${idPart}`, ids);
      if (leaf.standard) expr.attrs.class = leaf.standard;
      if (leaf.provider) expr.attrs.provider = leaf.provider;
      if (leaf.type) expr.attrs.type = leaf.type;
      return;
    }
    case "op": {
      const expr = child(parent, "op_expression", `op-${leaf.name}`, ids, { name: leaf.name });
      if (leaf.interval) expr.attrs.interval = leaf.interval;
      return;
    }
  }
}

function appendPart(parent: XmlElement, part: DefaultsRule, ids: IdIndex, integerType: string): XmlElement | undefined {
  if (part.kind !== "bool") {
    appendLeaf(parent, part, ids, integerType);
    return undefined;
  }
  const rule = child(parent, "rule", "rule", ids, { "boolean-op": part.op, score: "0" });
  for (const c of part.children) appendPart(rule, c, ids, integerType);
  return rule;
}

/** Append the rule to a defaults set; `integer` compares are written "number" below CIB schema 3.5. */
export function appendDefaultsRuleTree(cib: XmlElement, set: XmlElement, rule: Extract<DefaultsRule, { kind: "bool" }>, ids: IdIndex): XmlElement {
  const top = appendPart(set, rule, ids, schemaAtLeast(cib, 3, 5) ? "integer" : "number")!;
  top.attrs.score = "INFINITY";
  return top;
}

/**
 * Upgrade the CIB as pcs does before validating: to the latest schema when the rule has resource or
 * operation expressions (they need 3.4) or compares as integer (3.5). Returns the report to show.
 */
export function upgradeForDefaultsRuleTree(cib: XmlElement, rule: DefaultsRule): ReportItem[] {
  const leaves = ruleExpressions(rule);
  const needs34 = leaves.some((l) => l.kind === "rsc" || l.kind === "op");
  const needs35 = leaves.some((l) => l.kind === "compare" && l.type === "integer");
  if ((needs34 && !schemaAtLeast(cib, 3, 4)) || (needs35 && !schemaAtLeast(cib, 3, 5))) {
    if (upgradeCibSchema(cib)) return [info("CIB_UPGRADE_SUCCESSFUL", {} as never)];
  }
  return [];
}
