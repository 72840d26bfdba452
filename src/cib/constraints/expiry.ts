// Whether a location rule has expired, as `crm_rule --check` decides it: only rules holding a
// single date expression are checked; anything else has an unknown status (shown).
import type { XmlElement } from "../xml.js";

/** A Pacemaker date (`2023-01-01`, `2023-01-01 10:00`, `2023-01-01T10:00:00Z`) in ms, UTC. */
export function parseCibDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

function addDuration(start: number, d: XmlElement): number {
  const date = new Date(start);
  const n = (k: string) => Number(d.attrs[k] ?? 0);
  date.setUTCFullYear(date.getUTCFullYear() + n("years"), date.getUTCMonth() + n("months"), date.getUTCDate() + n("monthdays") + 7 * n("weeks") + n("yeardays"));
  date.setUTCHours(date.getUTCHours() + n("hours"));
  return date.getTime();
}

export function isRuleExpired(rule: XmlElement, now = Date.now()): boolean {
  const children = rule.children.filter((c) => c.name === "expression" || c.name === "date_expression" || c.name === "rule");
  if (children.length !== 1 || children[0].name !== "date_expression") return false;
  const expr = children[0];
  const op = expr.attrs.operation;
  if (op === "lt") {
    const end = parseCibDate(expr.attrs.end ?? "");
    return end !== undefined && now >= end;
  }
  if (op === "in_range") {
    let end = expr.attrs.end !== undefined ? parseCibDate(expr.attrs.end) : undefined;
    const duration = expr.children.find((c) => c.name === "duration");
    const start = parseCibDate(expr.attrs.start ?? "");
    if (end === undefined && duration && start !== undefined) end = addDuration(start, duration);
    return end !== undefined && now > end;
  }
  if (op === "date_spec") {
    const spec = expr.children.find((c) => c.name === "date_spec");
    const years = spec?.attrs.years;
    if (!years) return false;
    // crm_rule reads only the leading number of a years range
    return parseInt(years, 10) < new Date(now).getUTCFullYear();
  }
  return false;
}
