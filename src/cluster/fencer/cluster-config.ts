// What the fencer reads from the CIB besides the devices: cluster properties, the configured nodes
// and their attributes. Name-value sets are read as Pacemaker unpacks them: higher scores first,
// sets whose rule does not match now are skipped, the first value of a name wins.
import { childElements, firstChild, type XmlElement } from "../../cib/xml.js";
import { ruleMatches } from "../../scheduler/rules.js";
import { durationMs } from "./durations.js";

/** Pacemaker's default stonith-timeout. */
export const DEFAULT_STONITH_TIMEOUT_MS = 60_000;

export function configurationOf(cib: XmlElement): XmlElement | undefined {
  return cib.name === "configuration" ? cib : firstChild(cib, "configuration");
}

export function sectionOf(cib: XmlElement, name: string): XmlElement | undefined {
  const configuration = configurationOf(cib);
  return configuration && firstChild(configuration, name);
}

const setScore = (set: XmlElement): number => {
  const score = set.attrs.score;
  if (score === undefined) return 0;
  if (/^\+?inf(inity)?$/i.test(score)) return Infinity;
  if (/^-inf(inity)?$/i.test(score)) return -Infinity;
  return Number.parseInt(score, 10) || 0;
};

/** The name-value pairs of `parent`'s `setName` children (instance_attributes, meta_attributes, ...). */
export function nvpairs(parent: XmlElement | undefined, setName: string, now = Date.now()): Map<string, string> {
  const out = new Map<string, string>();
  if (!parent) return out;
  const sets = childElements(parent, setName)
    .map((set, i) => ({ set, i, score: setScore(set) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  for (const { set } of sets) {
    const rule = firstChild(set, "rule");
    if (rule && !ruleMatches(rule, undefined, { now })) continue;
    for (const nv of childElements(set, "nvpair")) {
      if (nv.attrs.name !== undefined && !out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
    }
  }
  return out;
}

export function clusterProperty(cib: XmlElement, name: string): string | undefined {
  const crmConfig = sectionOf(cib, "crm_config");
  return nvpairs(crmConfig, "cluster_property_set").get(name);
}

/** The stonith-timeout cluster property (default 60s): each device action's deadline unless the device sets its own. */
export function stonithTimeoutMs(cib: XmlElement): number {
  const ms = durationMs(clusterProperty(cib, "stonith-timeout"));
  return ms && ms > 0 ? ms : DEFAULT_STONITH_TIMEOUT_MS;
}

function nodeElements(cib: XmlElement): XmlElement[] {
  const nodes = sectionOf(cib, "nodes");
  return nodes ? childElements(nodes, "node") : [];
}

/** Names of the nodes in configuration/nodes, in document order. */
export function configuredNodes(cib: XmlElement): string[] {
  return nodeElements(cib)
    .map((n) => n.attrs.uname)
    .filter((name): name is string => !!name);
}

function nodeElement(cib: XmlElement, node: string): XmlElement | undefined {
  return nodeElements(cib).find((n) => n.attrs.uname === node);
}

/** A node's permanent attributes (configuration/nodes/node/instance_attributes). */
export function nodeAttributes(cib: XmlElement, node: string): Map<string, string> {
  return nvpairs(nodeElement(cib, node), "instance_attributes");
}

/** The node's id in the CIB (corosync's node id for cluster nodes), when it is a number. */
export function nodeIdOf(cib: XmlElement, node: string): string | undefined {
  const id = nodeElement(cib, node)?.attrs.id;
  return id && /^\d+$/.test(id) ? id : undefined;
}
