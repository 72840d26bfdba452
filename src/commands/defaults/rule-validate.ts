// Checks of a parsed defaults rule as pcs makes them after parsing: ISO 8601 dates, since before until,
// duration and date-spec parts, typed node attribute values, and which expression kinds the set allows.
import { error, quoteList, type ReportItem } from "../../report/index.js";
import type { DateParts } from "../../cib/rules/index.js";
import { isoDateTime } from "./iso-date.js";
import type { DefaultsRule, RuleLeaf } from "./rule-parser.js";

export interface AllowedExpressions {
  rsc: boolean;
  op: boolean;
  nodeAttribute: boolean;
}

const DURATION_PARTS = ["hours", "monthdays", "months", "moon", "weekdays", "weeks", "weekyears", "years", "yearsdays"];
const DATESPEC_LIMITS: Record<string, [number, number] | undefined> = {
  hours: [0, 23],
  monthdays: [1, 31],
  months: [1, 12],
  moon: [0, 7],
  weekdays: [1, 7],
  weeks: [1, 53],
  weekyears: undefined,
  years: undefined,
  yearsdays: [1, 366],
};

const INTEGER = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\d+|(\d*\.\d+)|(\d+\.\d*))([eE][+-]?\d+)?$/;
const VERSION = /^\d+(\.\d+)*$/;

const generic = (text: string): ReportItem => error("GENERIC", { text });
const invalidValue = (name: string, value: string, allowed: string): ReportItem => error("INVALID_OPTION_VALUE", { name, value, allowed });
const isInteger = (value: string, atLeast?: number, atMost?: number): boolean =>
  INTEGER.test(value) && (atLeast === undefined || Number(value) >= atLeast) && (atMost === undefined || Number(value) <= atMost);

function isDatespecPart(value: string, limits: [number, number] | undefined): boolean {
  const m = /^([0-9]+)(-([0-9]+))?$/.exec(value);
  if (!m || !isInteger(m[1], limits?.[0], limits?.[1])) return false;
  return m[3] === undefined || (isInteger(m[3], limits?.[0], limits?.[1]) && Number(m[1]) < Number(m[3]));
}

function duplicates(parts: DateParts): ReportItem[] {
  const counts = new Map<string, number>();
  for (const [name] of parts) counts.set(name, (counts.get(name) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([name]) => name).sort();
  return repeated.length ? [generic(`Duplicate options in a single (sub)expression: ${quoteList(repeated)}`)] : [];
}

/** Checks of date parts: per allowed name (sorted, the last value of a repeated name), then unknown names. */
function partsReports(parts: DateParts, optionType: "duration" | "datespec"): ReportItem[] {
  const values = new Map(parts);
  const reports: ReportItem[] = [];
  const names = optionType === "duration" ? DURATION_PARTS : Object.keys(DATESPEC_LIMITS).sort();
  for (const name of names) {
    const value = values.get(name);
    if (value === undefined) continue;
    if (optionType === "duration") {
      if (!isInteger(value, 1)) reports.push(invalidValue(name, value, "a positive integer"));
      continue;
    }
    const limits = DATESPEC_LIMITS[name];
    if (!isDatespecPart(value, limits)) {
      const allowed = limits ? `${limits[0]}..${limits[1]} or ${limits[0]}..${limits[1] - 1}-${limits[0] + 1}..${limits[1]}` : "an integer or integer-integer";
      reports.push(invalidValue(name, value, allowed));
    }
  }
  const unknown = [...values.keys()].filter((n) => !names.includes(n)).sort();
  if (unknown.length) reports.push(error("INVALID_OPTIONS", { names: unknown, allowed: [...names].sort(), optionType }));
  return reports;
}

function dateReports(date: string): { reports: ReportItem[]; time?: number } {
  const time = isoDateTime(date);
  return time === undefined ? { reports: [invalidValue("date", date, "ISO 8601 date")] } : { reports: [], time };
}

function leafReports(leaf: RuleLeaf, allowed: AllowedExpressions, disallowed: Set<"expression" | "op" | "rsc">): ReportItem[] {
  switch (leaf.kind) {
    case "date":
      return dateReports(leaf.date).reports;
    case "in_range": {
      const start = leaf.start !== undefined ? dateReports(leaf.start) : undefined;
      const end = leaf.end !== undefined ? dateReports(leaf.end) : undefined;
      const reports = [...(start?.reports ?? []), ...(end?.reports ?? [])];
      if (start?.time !== undefined && end?.time !== undefined && start.time >= end.time) {
        reports.push(generic(`Since '${leaf.start}' is not sooner than until '${leaf.end}'`));
      }
      if (leaf.duration?.length) reports.push(...partsReports(leaf.duration, "duration"), ...duplicates(leaf.duration));
      return reports;
    }
    case "date_spec":
      return [...partsReports(leaf.parts, "datespec"), ...duplicates(leaf.parts)];
    case "defined":
    case "compare": {
      if (!allowed.nodeAttribute) {
        disallowed.add("expression");
        return [];
      }
      if (leaf.kind === "defined") return [];
      if (leaf.type === "integer" && !INTEGER.test(leaf.value)) return [invalidValue("integer attribute", leaf.value, "an integer")];
      if (leaf.type === "number" && !FLOAT.test(leaf.value)) return [invalidValue("number attribute", leaf.value, "a floating-point number")];
      if (leaf.type === "version" && !VERSION.test(leaf.value)) {
        return [invalidValue("version attribute", leaf.value, "a version number (e.g. 1, 1.2, 1.23.45, ...)")];
      }
      return [];
    }
    case "op":
      if (!allowed.op) disallowed.add("op");
      return [];
    case "rsc":
      if (!allowed.rsc) disallowed.add("rsc");
      return [];
  }
}

export function validateDefaultsRuleTree(rule: DefaultsRule, allowed: AllowedExpressions): ReportItem[] {
  const disallowed = new Set<"expression" | "op" | "rsc">();
  const walk = (node: DefaultsRule): ReportItem[] => (node.kind === "bool" ? node.children.flatMap(walk) : leafReports(node, allowed, disallowed));
  const reports = walk(rule);
  for (const kind of disallowed) reports.push(error("RULE_EXPRESSION_NOT_ALLOWED", { kind }));
  return reports;
}
