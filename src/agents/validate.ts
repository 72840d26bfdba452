// Instance attribute checks against an agent's metadata: unknown, required, deprecated,
// unique parameters, and the stonith 'action' parameter; --force makes most of them warnings.
import { descendants, type XmlElement } from "../cib/xml.js";
import { nvValue } from "../cib/nvset.js";
import { error, errorOrForceable, forceableError, warning, type ReportItem } from "../report/index.js";
import { fullName, isStonithName } from "./name.js";
import { STONITH_ACTION_REPLACED_BY } from "./transform.js";
import type { AgentMetadata } from "./types.js";

export type Attrs = Record<string, string>;

const sorted = (items: Iterable<string>): string[] => [...items].sort();
const optionType = (m: AgentMetadata): string => (isStonithName(m.name) ? "stonith" : "resource");

export function validateAllowedNames(m: AgentMetadata, attrs: Attrs): ReportItem[] {
  const allowed = new Set(m.parameters.map((p) => p.name));
  const invalid = Object.keys(attrs).filter((n) => !allowed.has(n));
  if (!invalid.length) return [];
  return [forceableError("INVALID_OPTIONS", { names: sorted(invalid), allowed: sorted(allowed), optionType: optionType(m) })];
}

/** Old parameter name -> every name that (transitively) replaces it, reversed: new -> old ones. */
function deprecatedByMap(m: AgentMetadata): Map<string, Set<string>> {
  const newToOld = new Map<string, Set<string>>();
  for (const p of m.parameters) {
    for (const n of p.deprecatedBy) {
      if (!newToOld.has(n)) newToOld.set(n, new Set());
      newToOld.get(n)!.add(p.name);
    }
  }
  const result = new Map<string, Set<string>>();
  for (const p of m.parameters) {
    const all = new Set<string>();
    let discovered = new Set(newToOld.get(p.name) ?? []);
    while (discovered.size) {
      discovered.forEach((d) => all.add(d));
      const next = new Set<string>();
      for (const d of discovered) for (const o of newToOld.get(d) ?? []) next.add(o);
      discovered = new Set([...next].filter((x) => !all.has(x)));
    }
    result.set(p.name, all);
  }
  return result;
}

export function validateRequired(m: AgentMetadata, attrs: Attrs, onlyParameters?: Iterable<string>): ReportItem[] {
  const only = new Set(onlyParameters ?? []);
  const reports: ReportItem[] = [];
  const requiredAll: string[] = [];
  const byMap = deprecatedByMap(m);
  const type = optionType(m);
  for (const p of m.parameters) {
    if (!p.required || p.deprecated) continue;
    const olds = byMap.get(p.name) ?? new Set<string>();
    if (only.size && ![p.name, ...olds].some((n) => only.has(n))) continue;
    if (olds.size) {
      const names = [p.name, ...olds];
      if (!names.some((n) => n in attrs)) {
        reports.push(errorOrForceable(true, "REQUIRED_OPTION_OF_ALTERNATIVES_IS_MISSING", { names: sorted(names), deprecated: sorted(olds), optionType: type }));
      }
    } else requiredAll.push(p.name);
  }
  const missing = requiredAll.filter((n) => !(n in attrs));
  if (missing.length) reports.push(errorOrForceable(true, "REQUIRED_OPTIONS_ARE_MISSING", { names: sorted(missing), optionType: type }));
  return reports;
}

export function validateDeprecated(m: AgentMetadata, attrs: Attrs): ReportItem[] {
  const type = optionType(m);
  return m.parameters
    .filter((p) => p.deprecated && p.name in attrs)
    .map((p) => warning("DEPRECATED_OPTION", { option: p.name, replacedBy: sorted(p.deprecatedBy), optionType: type }));
}

export function validateStonithAction(attrs: Attrs): ReportItem[] {
  if (!attrs.action) return [];
  return [errorOrForceable(true, "DEPRECATED_OPTION", { option: "action", replacedBy: sorted(STONITH_ACTION_REPLACED_BY), optionType: "stonith" })];
}

function uniqueGroups(m: AgentMetadata): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of m.parameters) {
    if (!p.uniqueGroup) continue;
    if (!groups.has(p.uniqueGroup)) groups.set(p.uniqueGroup, []);
    if (!groups.get(p.uniqueGroup)!.includes(p.name)) groups.get(p.uniqueGroup)!.push(p.name);
  }
  return groups;
}

export function validateUnique(m: AgentMetadata, attrs: Attrs, resources: XmlElement, resourceId?: string): ReportItem[] {
  const groups = uniqueGroups(m);
  if (!groups.size) return [];
  const { standard, provider, type } = m.name;
  // only looked up when a unique parameter is set: on a big CIB that means reading every resource
  let sameAgent: XmlElement[] | undefined;
  const reports: ReportItem[] = [];
  for (const [group, names] of groups) {
    const wanted = names.map((n) => [n, attrs[n] ?? ""] as [string, string]);
    if (!wanted.some(([, v]) => v)) continue;
    sameAgent ??= descendants(resources, "primitive").filter(
      (p) => p.attrs.class === standard && p.attrs.type === type && (!provider || p.attrs.provider === provider),
    );
    const conflicting = sameAgent
      .filter((p) => p.attrs.id !== resourceId)
      .filter((p) => wanted.every(([n, v]) => (nvValue(p, "instance_attributes", n) ?? "") === v))
      .map((p) => p.attrs.id ?? "");
    if (!conflicting.length) continue;
    if (wanted.length === 1) {
      reports.push(
        errorOrForceable(true, "RESOURCE_INSTANCE_ATTR_VALUE_NOT_UNIQUE", {
          name: wanted[0][0],
          value: wanted[0][1],
          agent: fullName(m.name),
          resources: sorted(new Set(conflicting)),
        }),
      );
    } else {
      reports.push(
        errorOrForceable(true, "RESOURCE_INSTANCE_ATTR_GROUP_VALUE_NOT_UNIQUE", { group, pairs: wanted, agent: fullName(m.name), resources: sorted(new Set(conflicting)) }),
      );
    }
  }
  return reports;
}

export function validateNotEmpty(attrs: Attrs): ReportItem[] {
  return Object.entries(attrs)
    .filter(([, v]) => v === "")
    .map(([n]) => error("INVALID_OPTION_VALUE_EMPTY", { name: n }));
}

/** pcs's checks of instance attributes for a new resource. */
export function validateCreateAttrs(m: AgentMetadata, attrs: Attrs, resources: XmlElement): ReportItem[] {
  const reports = validateNotEmpty(attrs);
  if (m.exists) {
    reports.push(...validateAllowedNames(m, attrs), ...validateRequired(m, attrs));
    const forDeprecation = Object.fromEntries(Object.entries(attrs).filter(([n]) => !(isStonithName(m.name) && n === "action")));
    reports.push(...validateDeprecated(m, forDeprecation));
  }
  if (isStonithName(m.name)) reports.push(...validateStonithAction(attrs));
  if (m.exists) reports.push(...validateUnique(m, attrs, resources));
  return reports;
}

/** pcs's checks of instance attributes being changed on an existing resource. */
export function validateUpdateAttrs(
  m: AgentMetadata,
  attrs: Attrs,
  current: Attrs,
  resources: XmlElement,
  resourceId: string,
): ReportItem[] {
  const reports: ReportItem[] = [];
  if (m.exists) {
    const fresh = Object.fromEntries(Object.entries(attrs).filter(([n]) => !(n in current)));
    reports.push(...validateAllowedNames(m, fresh));
    const forDeprecation = Object.fromEntries(
      Object.entries(attrs).filter(([n, v]) => v !== "" && !(isStonithName(m.name) && n === "action")),
    );
    reports.push(...validateDeprecated(m, forDeprecation));
    const final: Attrs = { ...current };
    for (const [n, v] of Object.entries(attrs)) {
      if (v === "") delete final[n];
      else final[n] = v;
    }
    reports.push(...validateRequired(m, final, Object.keys(attrs)));
  }
  if (isStonithName(m.name)) reports.push(...validateStonithAction(attrs));
  if (m.exists) reports.push(...validateUnique(m, attrs, resources, resourceId));
  return reports;
}
