// Rule evaluation for location constraints: node attribute expressions, date expressions, nested rules.
import { childElements, type XmlElement } from "../cib/xml.js";
import type { SchedNode } from "./types.js";
import { parseIsoTime } from "./time.js";

export interface RuleContext {
  now: number;
  /** The resource a location rule is evaluated for (value-source="param" / "meta"). */
  /** The agent of the resource whose defaults are evaluated (rsc_expression). */
  agent?: { class?: string; provider?: string; type?: string };
  rsc?: { params: Map<string, string>; meta: Map<string, string>; paramsOn?: (node: SchedNode) => Map<string, string> };
}

const stringCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The number a value starts with (as strtoll / strtod read it), if any. */
function leadingNumber(v: string, type: string): number | undefined {
  const m = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(v);
  if (!m) return undefined;
  return type === "integer" ? Math.trunc(parseFloat(m[0])) : parseFloat(m[0]);
}

function compareValues(left: string | undefined, right: string | undefined, op: string, type: string): boolean {
  if (op === "defined") return left !== undefined;
  if (op === "not_defined") return left === undefined;
  if (left === undefined || right === undefined) return op === "ne" && left !== right;
  let cmp: number;
  if (type === "number" || type === "integer" || type === "version") {
    if (type === "version") {
      const a = left.split(".").map(Number);
      const b = right.split(".").map(Number);
      cmp = 0;
      for (let i = 0; i < Math.max(a.length, b.length) && cmp === 0; i++) cmp = Math.sign((a[i] ?? 0) - (b[i] ?? 0));
    } else {
      const a = leadingNumber(left, type);
      const b = leadingNumber(right, type);
      // Values that do not parse as numbers are compared as strings.
      cmp = a === undefined || b === undefined ? stringCompare(left, right) : Math.sign(a - b);
    }
  } else cmp = stringCompare(left, right);
  switch (op) {
    case "eq":
      return cmp === 0;
    case "ne":
      return cmp !== 0;
    case "lt":
      return cmp < 0;
    case "lte":
      return cmp <= 0;
    case "gt":
      return cmp > 0;
    case "gte":
      return cmp >= 0;
    default:
      return false;
  }
}

function parseDate(text: string | undefined): number | undefined {
  return text ? parseIsoTime(text) : undefined;
}

function durationMs(e: XmlElement | undefined): number {
  if (!e) return 0;
  const a = e.attrs;
  const n = (k: string) => Number(a[k] ?? 0);
  return ((((n("years") * 365 + n("months") * 30 + n("weeks") * 7 + n("days")) * 24 + n("hours")) * 60 + n("minutes")) * 60 + n("seconds")) * 1000;
}

function inRange(value: number, spec: string | undefined): boolean {
  if (spec === undefined) return true;
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return value >= lo && value <= hi;
}

function dateSpecMatches(spec: XmlElement, now: number): boolean {
  const d = new Date(now);
  const a = spec.attrs;
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
  const wday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return (
    inRange(d.getUTCSeconds(), a.seconds) &&
    inRange(d.getUTCMinutes(), a.minutes) &&
    inRange(d.getUTCHours(), a.hours) &&
    inRange(d.getUTCDate(), a.monthdays) &&
    inRange(wday, a.weekdays) &&
    inRange(yday, a.yeardays) &&
    inRange(d.getUTCMonth() + 1, a.months) &&
    inRange(d.getUTCFullYear(), a.years)
  );
}

function dateMatches(e: XmlElement, now: number): boolean {
  const op = e.attrs.operation ?? "in_range";
  const start = parseDate(e.attrs.start);
  let end = parseDate(e.attrs.end);
  if (op === "gt") return start !== undefined && now > start;
  if (op === "lt") return end !== undefined && now < end;
  if (op === "date_spec") {
    const spec = childElements(e, "date_spec")[0];
    return spec ? dateSpecMatches(spec, now) : false;
  }
  if (op === "in_range") {
    if (end === undefined && start !== undefined) {
      const dur = childElements(e, "duration")[0];
      if (dur) end = start + durationMs(dur);
    }
    if (start !== undefined && now < start) return false;
    if (end !== undefined && now > end) return false;
    return start !== undefined || end !== undefined;
  }
  return false;
}

export function ruleMatches(rule: XmlElement, node: SchedNode | undefined, ctx: RuleContext): boolean {
  const or = rule.attrs["boolean-op"] === "or";
  let any = false;
  for (const e of rule.children) {
    let ok: boolean;
    if (e.name === "expression") {
      const attr = e.attrs.attribute;
      const left = node?.attrs.get(attr);
      const op = e.attrs.operation ?? "eq";
      const source = e.attrs["value-source"];
      const params = node && ctx.rsc?.paramsOn ? ctx.rsc.paramsOn(node) : ctx.rsc?.params;
      const right = source === "param" ? params?.get(e.attrs.value ?? "") : source === "meta" ? ctx.rsc?.meta.get(e.attrs.value ?? "") : e.attrs.value;
      const type = e.attrs.type ?? (/^-?\d+(\.\d+)?$/.test(right ?? "") && ["lt", "gt", "lte", "gte"].includes(op) ? "number" : "string");
      ok = compareValues(left, right, op, type);
    } else if (e.name === "date_expression") ok = dateMatches(e, ctx.now);
    else if (e.name === "rsc_expression") {
      const agent = ctx.agent;
      ok = !!agent && (["class", "provider", "type"] as const).every((k) => e.attrs[k] === undefined || e.attrs[k] === agent[k]);
    }
    else if (e.name === "rule") ok = ruleMatches(e, node, ctx);
    else continue;
    any = true;
    if (or && ok) return true;
    if (!or && !ok) return false;
  }
  return or ? false : any || true;
}
