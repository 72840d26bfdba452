// Rule AST -> CIB <rule> elements with the ids pcs gives them.
import { sanitizeId, type IdIndex } from "../ids.js";
import { createElement, type XmlElement } from "../xml.js";
import type { DateParts, RuleNode } from "./parser.js";

export interface BuildRuleOptions {
  ids: IdIndex;
  /** The id of the top <rule>; default `<parent id>-rule` (made unique). */
  ruleId?: string;
  /** The score set on nested rules (pcs sets "0": the schema needs one, Pacemaker ignores it). */
  nestedScore?: string;
  /** The newer rule commands (defaults sets): boolean-op and this score always on the top rule. */
  topScore?: string;
}

function add(parent: XmlElement, name: string, proposedId: string, ids: IdIndex): XmlElement {
  // as pcs's create_subelement_id: what the user's words put into an id is made a valid id first
  return createElement(name, { id: ids.allocate(sanitizeId(proposedId)) }, parent);
}

const setParts = (element: XmlElement, parts: DateParts) => {
  for (const [name, value] of parts) element.attrs[name] = value;
};

function buildInto(rule: XmlElement, node: RuleNode, ids: IdIndex): void {
  const rid = rule.attrs.id;
  switch (node.kind) {
    case "boolean": {
      rule.attrs["boolean-op"] = node.op;
      for (const child of node.children) {
        if (child.kind === "boolean" && child.op !== node.op) {
          buildInto(add(rule, "rule", `${rid}-rule`, ids), child, ids);
        } else buildInto(rule, child, ids);
      }
      return;
    }
    case "date_spec": {
      const expr = add(rule, "date_expression", `${rid}-expr`, ids);
      expr.attrs.operation = "date_spec";
      setParts(add(expr, "date_spec", `${expr.attrs.id}-datespec`, ids), node.parts);
      return;
    }
    case "date": {
      const expr = add(rule, "date_expression", `${rid}-expr`, ids);
      expr.attrs.operation = node.op;
      expr.attrs[node.op === "gt" ? "start" : "end"] = node.date;
      return;
    }
    case "in_range": {
      const expr = add(rule, "date_expression", `${rid}-expr`, ids);
      expr.attrs.operation = "in_range";
      if (node.start !== undefined) expr.attrs.start = node.start;
      if (node.duration) setParts(add(expr, "duration", `${expr.attrs.id}-duration`, ids), node.duration);
      else if (node.end !== undefined) expr.attrs.end = node.end;
      return;
    }
    case "defined": {
      const expr = add(rule, "expression", `${rid}-expr`, ids);
      expr.attrs.operation = node.op;
      expr.attrs.attribute = node.attribute;
      return;
    }
    case "rsc": {
      const parts = [node.standard, node.provider, node.type].filter((p): p is string => !!p);
      const expr = add(rule, "rsc_expression", `${rid}-rsc-${parts.join("-")}`, ids);
      if (node.standard) expr.attrs.class = node.standard;
      if (node.provider) expr.attrs.provider = node.provider;
      if (node.type) expr.attrs.type = node.type;
      return;
    }
    case "op": {
      const expr = add(rule, "op_expression", `${rid}-op-${node.name}`, ids);
      expr.attrs.name = node.name;
      if (node.interval) expr.attrs.interval = node.interval;
      return;
    }
    case "compare": {
      const expr = add(rule, "expression", `${rid}-expr`, ids);
      expr.attrs.operation = node.op;
      expr.attrs.attribute = node.attribute;
      if (node.type) expr.attrs.type = node.type;
      expr.attrs.value = node.value;
      return;
    }
  }
}

/** Append a <rule> for `node` to `parent`; returns it (the caller adds score / role attributes). */
export function appendRule(parent: XmlElement, node: RuleNode, options: BuildRuleOptions): XmlElement {
  const { ids } = options;
  const rule = createElement("rule", { id: options.ruleId ? ids.allocate(options.ruleId) : ids.allocate(`${parent.attrs.id}-rule`) }, parent);
  if (options.topScore !== undefined) {
    rule.attrs["boolean-op"] = node.kind === "boolean" ? node.op : "and";
    rule.attrs.score = options.topScore;
  }
  buildInto(rule, node, ids);
  if (options.nestedScore !== undefined) {
    const nested: XmlElement[] = [];
    const collect = (e: XmlElement) => {
      for (const c of e.children) {
        if (c.name === "rule") nested.push(c);
        collect(c);
      }
    };
    collect(rule);
    for (const n of nested) n.attrs.score = options.nestedScore;
  }
  return rule;
}
