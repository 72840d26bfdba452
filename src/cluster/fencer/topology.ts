// Fencing topology (configuration/fencing-topology) as fenced looks it up for a target: the levels
// registered for exactly its name, else those of the first target-pattern (an extended regular
// expression) or target-attribute/target-value (a node attribute) that matches it.
import { childElements, type XmlElement } from "../../cib/xml.js";
import { nodeAttributes, sectionOf } from "./cluster-config.js";

export interface FencingLevel {
  /** 1 is tried first. */
  index: number;
  /** Device ids, all of which must succeed, in order. */
  devices: string[];
}

type TargetKind = { kind: "name"; name: string } | { kind: "pattern"; pattern: string } | { kind: "attribute"; name: string; value: string };

interface Topology {
  target: TargetKind;
  levels: Map<number, FencingLevel>;
}

const keyOf = (t: TargetKind): string => (t.kind === "name" ? `name\0${t.name}` : t.kind === "pattern" ? `pattern\0${t.pattern}` : `attribute\0${t.name}\0${t.value}`);

function targetOf(level: XmlElement): TargetKind | undefined {
  const { target, "target-pattern": pattern, "target-attribute": attribute, "target-value": value } = level.attrs;
  if (target) return { kind: "name", name: target };
  if (pattern) return { kind: "pattern", pattern };
  if (attribute && value !== undefined) return { kind: "attribute", name: attribute, value };
  return undefined;
}

/** Pacemaker accepts levels 1 to 9. */
const MAX_LEVEL = 9;

function topologies(cib: XmlElement): Topology[] {
  const section = sectionOf(cib, "fencing-topology");
  const byKey = new Map<string, Topology>();
  for (const level of section ? childElements(section, "fencing-level") : []) {
    const target = targetOf(level);
    const index = Number(level.attrs.index);
    if (!target || !Number.isInteger(index) || index < 1 || index > MAX_LEVEL) continue;
    const devices = (level.attrs.devices ?? "")
      .split(",")
      .map((d) => d.trim())
      .filter(Boolean);
    if (!devices.length) continue;
    const key = keyOf(target);
    const topology = byKey.get(key) ?? { target, levels: new Map() };
    topology.levels.set(index, { index, devices });
    byKey.set(key, topology);
  }
  return [...byKey.values()];
}

function patternMatches(pattern: string, node: string): boolean {
  try {
    return new RegExp(pattern).test(node);
  } catch {
    return false;
  }
}

function matches(cib: XmlElement, t: TargetKind, node: string): boolean {
  if (t.kind === "name") return t.name === node;
  if (t.kind === "pattern") return patternMatches(t.pattern, node);
  return nodeAttributes(cib, node).get(t.name) === t.value;
}

/** The target's fencing levels sorted by index; empty when no topology applies to it. */
export function fencingLevels(cib: XmlElement, target: string): FencingLevel[] {
  const all = topologies(cib);
  const found = all.find((t) => t.target.kind === "name" && t.target.name === target) ?? all.find((t) => matches(cib, t.target, target));
  return found ? [...found.levels.values()].sort((a, b) => a.index - b.index) : [];
}
