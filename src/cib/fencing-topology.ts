// Fencing levels (configuration/fencing-topology): add, remove, list and verify them with
// pcs 0.11.5's validation, ids (fl-<target>-<level>) and messages.
import { error, errorOrForceable, forceableError, type ReportItem, type Reports } from "../report/index.js";
import { findSection, section } from "./document.js";
import { sanitizeId, validateId } from "./ids.js";
import { findResource, isStonith } from "./resources.js";
import { createElement, detach, walk, type XmlElement } from "./xml.js";

export type Target =
  | { type: "node"; value: string }
  | { type: "regexp"; value: string }
  | { type: "attribute"; name: string; value: string };

export interface Level {
  index: string;
  target: Target;
  devices: string[];
}

export const targetLabel = (t: Target): string => (t.type === "attribute" ? `${t.name}=${t.value}` : t.value);

/** Node names known from the CIB (nodes section and status), what the cluster state lists. */
export function knownNodeNames(cib: XmlElement): Set<string> {
  const names = new Set<string>();
  const nodes = findSection(cib, "nodes");
  for (const node of nodes?.children ?? []) if (node.name === "node" && node.attrs.uname) names.add(node.attrs.uname);
  const status = cib.children.find((c) => c.name === "status");
  for (const state of status?.children ?? []) if (state.name === "node_state" && state.attrs.uname) names.add(state.attrs.uname);
  return names;
}

function stonithDeviceIds(resources: XmlElement): Set<string> {
  const ids = new Set<string>();
  walk(resources, (e) => {
    if (e.name === "primitive" && e.attrs.class === "stonith" && e.attrs.id) ids.add(e.attrs.id);
  });
  return ids;
}

function validateDevices(cib: XmlElement, devices: string[], forceable: boolean): ReportItem[] {
  const reports: ReportItem[] = [];
  if (!devices.length) reports.push(error("FENCING_REQUIRED_DEVICES_MISSING", {}));
  const stonith = stonithDeviceIds(section(cib, "resources"));
  const missing: string[] = [];
  for (const device of devices) {
    const invalid = validateId(device, "device id");
    if (invalid.length) {
      reports.push(...invalid);
      continue;
    }
    if (!stonith.has(device)) missing.push(device);
  }
  if (missing.length) reports.push(errorOrForceable(forceable, "STONITH_RESOURCES_DO_NOT_EXIST", { ids: missing }));
  return reports;
}

function targetMatches(level: XmlElement, target: Target): boolean {
  switch (target.type) {
    case "node":
      return level.attrs.target === target.value;
    case "regexp":
      return level.attrs["target-pattern"] === target.value;
    default:
      return level.attrs["target-attribute"] === target.name && level.attrs["target-value"] === target.value;
  }
}

export function findLevels(topology: XmlElement | undefined, query: { index?: string; target?: Target; devices?: string[] }): XmlElement[] {
  return (topology?.children ?? []).filter(
    (l) =>
      l.name === "fencing-level" &&
      (!query.index || l.attrs.index === query.index) &&
      (!query.devices?.length || l.attrs.devices === query.devices.join(",")) &&
      (!query.target || targetMatches(l, query.target)),
  );
}

export interface AddLevelInput {
  index: string;
  target: Target;
  devices: string[];
}

/** Validate (into `reports`, where --force applies) and append a level; false when it failed. */
export function addLevel(cib: XmlElement, input: AddLevelInput, reports: Reports): boolean {
  const level = /^\s*[+-]?\d+\s*$/.test(input.index) ? Number(input.index) : NaN;
  if (!(level > 0)) reports.add(error("FENCING_INVALID_LEVEL", { value: input.index }));
  if (input.target.type === "node" && !knownNodeNames(cib).has(input.target.value)) {
    reports.add(forceableError("FENCING_NODE_NOT_FOUND", { node: input.target.value }));
  }
  reports.add(...validateDevices(cib, input.devices, true));
  if (reports.hasErrors) return false;
  const topology = section(cib, "fencing-topology");
  if (findLevels(topology, { index: input.index, target: input.target, devices: input.devices }).length) {
    reports.add(error("FENCING_LEVEL_ALREADY_EXISTS", { level: input.index, target: targetLabel(input.target), devices: input.devices }));
    return false;
  }
  const attrs: Record<string, string> = { index: String(level), devices: input.devices.join(",") };
  const t = input.target;
  if (t.type === "node") attrs.target = t.value;
  else if (t.type === "regexp") attrs["target-pattern"] = t.value;
  else {
    attrs["target-attribute"] = t.name;
    attrs["target-value"] = t.value;
  }
  attrs.id = uniqueId(cib, sanitizeId(`fl-${t.type === "attribute" ? t.name : t.value}-${level}`));
  createElement("fencing-level", attrs, topology);
  return true;
}

function uniqueId(cib: XmlElement, proposed: string): string {
  const used = new Set<string>();
  walk(cib, (e) => {
    if (e.attrs.id !== undefined) used.add(e.attrs.id);
  });
  let candidate = proposed;
  for (let i = 1; used.has(candidate); i++) candidate = `${proposed}-${i}`;
  return candidate;
}

export interface RemoveLevelsInput {
  index?: string;
  target?: Target;
  devices?: string[];
  ignoreIfMissing?: boolean;
  validateDeviceIds?: boolean;
}

/** Remove matching levels; returns the reports (an error when nothing matched). */
export function removeLevels(cib: XmlElement, input: RemoveLevelsInput): ReportItem[] {
  const reports: ReportItem[] = [];
  if (input.validateDeviceIds !== false) for (const device of input.devices ?? []) reports.push(...validateId(device, "stonith id"));
  const found = findLevels(section(cib, "fencing-topology"), input);
  if (!found.length && !input.ignoreIfMissing) {
    reports.push(
      error("FENCING_LEVEL_DOES_NOT_EXIST", {
        level: input.index ?? "",
        target: input.target ? targetLabel(input.target) : "",
        devices: input.devices ? [...input.devices].sort() : [],
      }),
    );
  }
  if (reports.some((r) => r.severity === "error")) return reports;
  for (const level of found) detach(level);
  return reports;
}

export function levelsOf(cib: XmlElement): Level[] {
  const levels: Level[] = [];
  for (const l of findSection(cib, "fencing-topology")?.children ?? []) {
    if (l.name !== "fencing-level") continue;
    let target: Target | undefined;
    if ("target" in l.attrs) target = { type: "node", value: l.attrs.target };
    else if ("target-pattern" in l.attrs) target = { type: "regexp", value: l.attrs["target-pattern"] };
    else if ("target-attribute" in l.attrs) target = { type: "attribute", name: l.attrs["target-attribute"], value: l.attrs["target-value"] ?? "" };
    if (target && (target.type === "attribute" || target.value)) levels.push({ index: l.attrs.index ?? "", target, devices: (l.attrs.devices ?? "").split(",") });
  }
  return levels;
}

/** `stonith level verify`: every device and node used in levels exists. */
export function verifyLevels(cib: XmlElement): ReportItem[] {
  const devices = new Set<string>();
  const nodes = new Set<string>();
  for (const l of findSection(cib, "fencing-topology")?.children ?? []) {
    if (l.name !== "fencing-level") continue;
    for (const d of (l.attrs.devices ?? "").split(",")) devices.add(d);
    if ("target" in l.attrs) nodes.add(l.attrs.target);
  }
  const reports = devices.size ? validateDevices(cib, [...devices].sort(), false) : [];
  const known = knownNodeNames(cib);
  for (const node of [...nodes].sort()) if (!known.has(node)) reports.push(error("FENCING_NODE_NOT_FOUND", { node }));
  return reports;
}

/** Resources given as devices that are not fence devices (pcs warns it will stop accepting them). */
export const nonStonithResources = (cib: XmlElement, ids: string[]): boolean =>
  ids.some((id) => {
    const r = findResource(cib, id);
    return r !== undefined && !isStonith(r);
  });
