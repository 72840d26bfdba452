// Constraints as `pcs constraint config` prints them (pcs 0.11.5 layout).
import { ruleDetailLines } from "../rules/index.js";
import type { XmlElement } from "../xml.js";
import { capitalize, primaryRole } from "./common.js";

const ROLE_KEYS = new Set(["role", "rsc-role", "with-rsc-role"]);

/** The attributes of an element, roles shown with their current names (as pcs exports them). */
export function exportAttributes(e: XmlElement): [string, string][] {
  return Object.entries(e.attrs).map(([k, v]) => [k, ROLE_KEYS.has(k) ? primaryRole(capitalize(v)) : v]);
}

const sortedOptions = (attrs: [string, string][]): string[] =>
  attrs
    .filter(([k]) => k !== "id")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);

const idOf = (attrs: [string, string][]): string => `(id:${attrs.find(([k]) => k === "id")?.[1] ?? ""})`;

export function colocationPlain(e: XmlElement, withId: boolean): string {
  const attrs = exportAttributes(e);
  const get = (k: string) => attrs.find(([n]) => n === k)?.[1] ?? "";
  const options = attrs
    .filter(([k]) => !["rsc", "with-rsc", "id", "score"].includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `(${k}:${v})`);
  if (withId) options.push(`(id:${get("id")})`);
  return [get("rsc"), "with", get("with-rsc"), `(score:${get("score")})`, ...options].join(" ");
}

const isTrue = (v: string) => ["true", "on", "yes", "y", "1"].includes(v.toLowerCase());

export function orderPlain(e: XmlElement, withId: boolean): string {
  const attrs = exportAttributes(e);
  const has = (k: string) => attrs.some(([n]) => n === k);
  const get = (k: string) => attrs.find(([n]) => n === k)?.[1] ?? "";
  const kind = get("kind");
  const score = get("score");
  const scoreText = kind ? `(kind:${kind})` : !score ? "(kind:Mandatory)" : `(score:${score})`;
  const sym = has("symmetrical") && !isTrue(get("symmetrical") || "false") ? "(non-symmetrical)" : "";
  const done = ["first", "then", "first-action", "then-action", "id", "score", "kind", "symmetrical"];
  const rest = attrs.filter(([k]) => !done.includes(k)).map(([k, v]) => `${k}=${v}`);
  const options = rest.length ? `(Options: ${rest.join(" ")})` : "";
  return [get("first-action"), get("first"), "then", get("then-action"), get("then"), scoreText, sym, options, withId ? `(id:${get("id")})` : ""]
    .filter(Boolean)
    .join(" ");
}

export function ticketPlain(e: XmlElement, withId: boolean): string {
  const attrs = exportAttributes(e);
  const role = attrs.find(([k]) => k === "rsc-role")?.[1] ?? "";
  const rest = attrs.filter(([k]) => k !== "rsc-role" && k !== "rsc");
  const parts = [attrs.find(([k]) => k === "rsc")?.[1] ?? "", ...sortedOptions(rest), ...(withId ? [idOf(rest)] : [])];
  return (role ? `${role} ` : "") + parts.join(" ");
}

export function withSets(e: XmlElement, withId: boolean): string {
  const parts: string[] = [];
  for (const set of e.children.filter((c) => c.name === "resource_set")) {
    const attrs = exportAttributes(set);
    parts.push("set", ...set.children.filter((r) => r.name === "resource_ref").map((r) => r.attrs.id), ...sortedOptions(attrs));
    if (withId) parts.push(idOf(attrs));
  }
  const attrs = exportAttributes(e);
  const options = sortedOptions(attrs);
  if (options.length) parts.push("setoptions", ...options);
  if (withId) parts.push(idOf(attrs));
  return parts.join(" ");
}

export const hasSets = (e: XmlElement): boolean => e.children.some((c) => c.name === "resource_set");

/** One line for a colocation / order / ticket constraint (plain or with sets). */
export function constraintText(e: XmlElement, withId: boolean): string {
  if (hasSets(e)) return withSets(e, withId);
  if (e.name === "rsc_colocation") return colocationPlain(e, withId);
  if (e.name === "rsc_order") return orderPlain(e, withId);
  if (e.name === "rsc_ticket") return ticketPlain(e, withId);
  return `${e.name} ${[...sortedOptions(exportAttributes(e)), ...(withId ? [idOf(exportAttributes(e))] : [])].join(" ")}`;
}

/** `Ordering Constraints:` etc. with plain ones first, then `Resource Sets:`. */
export function sectionLines(caption: string, elements: XmlElement[], full: boolean, isPlain: (e: XmlElement) => boolean): string[] {
  const lines = [caption];
  const plain = elements.filter(isPlain);
  const sets = elements.filter((e) => !isPlain(e));
  for (const e of plain) lines.push("  " + constraintText(e, full));
  if (sets.length) {
    lines.push("  Resource Sets:");
    for (const e of sets) lines.push("    " + withSets(e, full));
  }
  return lines;
}

// ---- location -------------------------------------------------------------------------------

interface LocEntry {
  id: string;
  node: string;
  score: string;
  role: string;
  discovery: string;
  rscLabel: string;
}

type RscKey = string; // "<0|1>\u0000<value>\u0000<label>": regexp sorts before resource

const rscKeyOf = (e: XmlElement): RscKey =>
  e.attrs["rsc-pattern"] !== undefined
    ? `0\u0000${e.attrs["rsc-pattern"]}\u0000Resource pattern: ${e.attrs["rsc-pattern"]}`
    : `1\u0000${e.attrs.rsc ?? ""}\u0000Resource: ${e.attrs.rsc ?? ""}`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyCmp = (a: RscKey, b: RscKey) => {
  const [ta, va] = a.split("\u0000");
  const [tb, vb] = b.split("\u0000");
  return cmp(ta, tb) || cmp(va, vb);
};

export interface LocationConfigOptions {
  full: boolean;
  byNode?: boolean;
  /** Only these resources (as "resource\u0000id" / "regexp\u0000pattern") or nodes. */
  filter?: string[];
  /** Whether a rule is expired (not shown without --all). */
  expired?: (rule: XmlElement) => boolean;
  showExpired?: boolean;
}

/** The `Location Constraints:` block. */
export function locationLines(locations: XmlElement[], opts: LocationConfigOptions): string[] {
  const on = new Map<string, LocEntry[]>();
  const off = new Map<string, LocEntry[]>();
  const rscOn = new Map<RscKey, LocEntry[]>();
  const rscOff = new Map<RscKey, LocEntry[]>();
  const rules = new Map<RscKey, XmlElement[]>();
  const push = <K>(m: Map<K, LocEntry[]>, k: K, v: LocEntry) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const loc of locations) {
    const key = rscKeyOf(loc);
    for (const child of loc.children) if (child.name === "rule") rules.set(key, [...(rules.get(key) ?? []), child]);
    const score = loc.attrs.score || "0";
    const positive = score === "INFINITY" ? true : score === "-INFINITY" ? false : parseInt(score, 10) >= 0;
    const entry: LocEntry = {
      id: loc.attrs.id ?? "",
      node: loc.attrs.node ?? "",
      score,
      role: loc.attrs.role ? primaryRole(capitalize(loc.attrs.role)) : "",
      discovery: loc.attrs["resource-discovery"] ?? "",
      rscLabel: key.split("\u0000")[2],
    };
    push(positive ? on : off, entry.node, entry);
    push(positive ? rscOn : rscOff, key, entry);
  }
  const entryLines = (tables: [Map<string, LocEntry[]>, string][], key: string, field: "node" | "rscLabel"): string[] => {
    const out: string[] = [];
    for (const [table, label] of tables) {
      const lines: string[] = [];
      for (const o of table.get(key) ?? []) {
        if (!o[field]) continue;
        const parts = [`      ${field === "node" ? "Node: " : ""}${o[field]}`, `(score:${o.score})`];
        if (o.role) parts.push(`(role:${o.role})`);
        if (o.discovery) parts.push(`(resource-discovery=${o.discovery})`);
        if (opts.full) parts.push(`(id:${o.id})`);
        lines.push(parts.join(" "));
      }
      if (lines.length) out.push(label, ...lines);
    }
    return out;
  };
  const lines = ["Location Constraints:"];
  if (opts.byNode) {
    const nodes = [...new Set([...on.keys(), ...off.keys()])].sort(cmp);
    for (const node of nodes) {
      if (opts.filter?.length && !opts.filter.includes(node)) continue;
      lines.push(`  Node: ${node}`);
      lines.push(...entryLines([[on, "    Allowed to run:"], [off, "    Not allowed to run:"]], node, "rscLabel"));
    }
    lines.push(...ruleLines(rules, opts, false));
    return lines;
  }
  const keys = [...new Set([...rscOn.keys(), ...rscOff.keys()])].sort(keyCmp);
  for (const key of keys) {
    const [type, value, label] = key.split("\u0000");
    if (opts.filter?.length && !opts.filter.includes(`${type === "0" ? "regexp" : "resource"}\u0000${value}`)) continue;
    const own = [`  ${label}`, ...entryLines([[rscOn, "    Enabled on:"], [rscOff, "    Disabled on:"]], key, "node")];
    own.push(...ruleLines(new Map([[key, rules.get(key) ?? []]]), opts, true));
    if (own.length > 2) lines.push(...own);
  }
  return lines;
}

function ruleLines(rules: Map<RscKey, XmlElement[]>, opts: LocationConfigOptions, noHeader: boolean): string[] {
  const lines: string[] = [];
  for (const key of [...rules.keys()].sort(keyCmp)) {
    if (!noHeader) lines.push(`  ${key.split("\u0000")[2]}`);
    const byConstraint = new Map<string, XmlElement[]>();
    const constraintOptions = new Map<string, string>();
    for (const rule of rules.get(key) ?? []) {
      const parent = rule.parent!;
      const id = parent.attrs.id ?? "";
      byConstraint.set(id, [...(byConstraint.get(id) ?? []), rule]);
      constraintOptions.set(id, parent.attrs["resource-discovery"] ? ` (resource-discovery=${parent.attrs["resource-discovery"]})` : "");
    }
    for (const id of [...byConstraint.keys()].sort(cmp)) {
      const verify = opts.expired !== undefined;
      let expiredAll = verify;
      const ruleText: string[] = [];
      for (const rule of byConstraint.get(id)!) {
        const expired = verify ? opts.expired!(rule) : false;
        if (!expired) expiredAll = false;
        ruleText.push(...ruleDetailLines(rule, { detail: opts.full, expired: expired && !!opts.showExpired }).map((l) => "      " + l));
      }
      if (!opts.showExpired && expiredAll) continue;
      lines.push(`    Constraint${expiredAll ? " (expired)" : ""}: ${id}${constraintOptions.get(id)}`);
      lines.push(...ruleText);
    }
  }
  return lines;
}
