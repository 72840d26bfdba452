// CIB <rule> elements -> the text pcs prints: the detailed listing of `constraint config` and the
// one-line expression form (normalized, used to find duplicate rules).
import type { XmlElement } from "../xml.js";

const ROLE_PRIMARY: Record<string, string> = { Master: "Promoted", Slave: "Unpromoted" };
const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);

/** A role as pcs shows it (legacy Master / Slave become Promoted / Unpromoted). */
export const primaryRole = (role: string): string => ROLE_PRIMARY[capitalize(role)] ?? capitalize(role);

/** `name=value` for every attribute but id, sorted by name, as pcs lists them. */
export function attributeList(e: XmlElement, withId = false): string[] {
  const list = Object.keys(e.attrs)
    .filter((n) => n !== "id")
    .sort()
    .map((n) => `${n}=${n === "role" ? primaryRole(e.attrs[n]) : e.attrs[n]}`);
  if (withId) list.push(`(id:${e.attrs.id ?? ""})`);
  return list;
}

const indentAll = (lines: string[], indent = "  ") => lines.map((l) => indent + l);

function detailExpression(e: XmlElement, detail: boolean): string[] {
  const a = e.attrs;
  const parts = "value" in a ? [a.attribute ?? "", a.operation ?? "", ...(a.type !== undefined ? [a.type] : []), a.value] : [a.operation ?? "", a.attribute ?? ""];
  if (detail) parts.push(`(id:${a.id ?? ""})`);
  return [`Expression: ${parts.join(" ")}`];
}

function detailDateExpression(e: XmlElement, detail: boolean): string[] {
  const a = e.attrs;
  const idPart = detail ? [`(id:${a.id ?? ""})`] : [];
  if (a.operation === "date_spec") {
    const spec = e.children.find((c) => c.name === "date_spec");
    return [["Expression:", ...idPart].join(" "), ...indentAll([`Date Spec: ${(spec ? attributeList(spec, detail) : []).join(" ")}`])];
  }
  if (a.operation === "in_range") {
    const parts = ["date", "in_range"];
    if (a.start !== undefined) parts.push(a.start, "to");
    else parts.push("to");
    if (a.end !== undefined) parts.push(a.end);
    const duration = e.children.find((c) => c.name === "duration");
    if (duration) parts.push("duration");
    parts.push(...idPart);
    const lines = [`Expression: ${parts.join(" ")}`];
    if (duration) lines.push(...indentAll([`Duration: ${attributeList(duration, detail).join(" ")}`]));
    return lines;
  }
  const parts = ["date", a.operation ?? ""];
  if (a.start !== undefined) parts.push(a.start);
  if (a.end !== undefined) parts.push(a.end);
  parts.push(...idPart);
  return [`Expression: ${parts.join(" ")}`];
}

function detailRscOpExpression(e: XmlElement, detail: boolean): string[] {
  const a = e.attrs;
  const text =
    e.name === "rsc_expression"
      ? `resource ${a.class ?? ""}:${a.provider ?? ""}:${a.type ?? ""}`
      : `op ${a.name ?? ""}${a.interval !== undefined ? ` interval=${a.interval}` : ""}`;
  return [`Expression: ${text}${detail ? ` (id:${a.id ?? ""})` : ""}`];
}

/** The lines of `Rule: ...` with nested expressions, as `pcs constraint config` prints them. */
export function ruleDetailLines(rule: XmlElement, options: { detail: boolean; expired?: boolean; label?: string }): string[] {
  const { detail } = options;
  const label = options.label ?? (options.expired ? "expired" : undefined);
  const lines = [`Rule${label ? ` (${label})` : ""}: ${attributeList(rule, detail).join(" ")}`];
  for (const child of rule.children) {
    if (child.name === "expression") lines.push(...indentAll(detailExpression(child, detail)));
    else if (child.name === "date_expression") lines.push(...indentAll(detailDateExpression(child, detail)));
    else if (child.name === "rsc_expression" || child.name === "op_expression") lines.push(...indentAll(detailRscOpExpression(child, detail)));
    else if (child.name === "rule") lines.push(...indentAll(ruleDetailLines(child, { detail })));
  }
  return lines;
}

const sortedParts = (e: XmlElement): string[] => attributeList(e).sort();

function expressionText(e: XmlElement, normalize: boolean): string {
  const a = e.attrs;
  if (!("value" in a)) return `${a.operation ?? ""} ${a.attribute ?? ""}`;
  const parts = [a.attribute ?? "", a.operation ?? ""];
  if (a.type !== undefined) parts.push(a.type);
  else if (normalize) parts.push("string");
  parts.push(a.value.includes(" ") ? `"${a.value}"` : a.value);
  return parts.join(" ");
}

function dateExpressionText(e: XmlElement): string {
  const a = e.attrs;
  if (a.operation === "date_spec") {
    const spec = e.children.find((c) => c.name === "date_spec");
    return ["date-spec", ...(spec ? sortedParts(spec) : [])].join(" ");
  }
  const parts = ["date", a.operation ?? ""];
  if (a.operation === "in_range") {
    if (a.start !== undefined) parts.push(a.start, "to");
    if (a.end !== undefined) parts.push(a.end);
    const duration = e.children.find((c) => c.name === "duration");
    if (duration) parts.push("duration", ...sortedParts(duration));
    return parts.join(" ");
  }
  if (a.start !== undefined) parts.push(a.start);
  if (a.end !== undefined) parts.push(a.end);
  return parts.join(" ");
}

/** The rule as one pcs expression (`#uname eq node1 and date-spec hours=9-16`); `normalize` sorts operands. */
export function ruleExpressionText(rule: XmlElement, normalize = false): string {
  const op = rule.attrs["boolean-op"] || "or";
  const parts: string[] = [];
  for (const child of rule.children) {
    if (child.name === "expression") parts.push(expressionText(child, normalize));
    else if (child.name === "date_expression") parts.push(dateExpressionText(child));
    else if (child.name === "rule") parts.push(`(${ruleExpressionText(child, normalize)})`);
  }
  if (normalize) parts.sort();
  return parts.join(` ${op} `);
}
