// The fence devices of a CIB as pacemaker-fenced registers them: every primitive of class stonith
// (inside groups and clones too), its agent's own parameters apart from Pacemaker's pcmk_* options,
// whether it is disabled, and the nodes location constraints keep it off.
import { childElements, firstChild, walk, type XmlElement } from "../../cib/xml.js";
import { clusterProperty, nvpairs, sectionOf } from "./cluster-config.js";
import { integerOption } from "./durations.js";

export interface FenceDevice {
  id: string;
  /** The fence_* program (the primitive's type). */
  agent: string;
  /** What the agent reads on stdin: instance attributes that are not Pacemaker's own options. */
  params: Record<string, string>;
  /** Pacemaker's options for the device: pcmk_host_list, pcmk_host_map, pcmk_<action>_timeout, ... */
  pcmk: Record<string, string>;
  /** Devices are tried from the highest priority down (then by id). */
  priority: number;
  /** target-role=Stopped on the device or a group or clone holding it. */
  disabled: boolean;
  /** Whether the device may not run on `node` (a negative location score, or an opt-in cluster without a positive one). */
  bannedOn(node: string): boolean;
}

/** The options Pacemaker keeps for itself rather than passing to the agent (pcmk_stonith_param, plus priority). */
export function isPacemakerOption(name: string): boolean {
  if (name === "provides" || name === "stonith-timeout" || name === "priority") return true;
  if (!name.startsWith("pcmk_")) return false;
  const fixed = ["pcmk_action_limit", "pcmk_delay_base", "pcmk_delay_max", "pcmk_host_argument", "pcmk_host_check", "pcmk_host_list", "pcmk_host_map"];
  if (fixed.includes(name)) return true;
  return /^pcmk_[^_]+_(action|timeout|retries)$/.test(name);
}

/** Names no agent should see: the action (the fencer sets it) and the executor's meta data. */
const isNeverPassed = (name: string): boolean => name === "action" || name === "crm_feature_set" || name.includes("CRM_meta");

/**
 * A configured `action` parameter is mapped the way fenced does it: "off" means reboots turn the
 * node off, another value replaces both reboot and off; "reboot" is ignored.
 */
function mapActionParameter(action: string | undefined, pcmk: Record<string, string>): void {
  if (!action || action === "reboot") return;
  const targets = action === "off" ? ["reboot"] : ["off", "reboot"];
  for (const t of targets) pcmk[`pcmk_${t}_action`] ??= action;
}

const isStopped = (e: XmlElement): boolean => nvpairs(e, "meta_attributes").get("target-role")?.toLowerCase() === "stopped";

function withAncestors(e: XmlElement): XmlElement[] {
  const chain: XmlElement[] = [];
  for (let p: XmlElement | null = e; p && p.name !== "resources"; p = p.parent) chain.push(p);
  return chain;
}

function parseScore(score: string | undefined): number | undefined {
  if (score === undefined) return undefined;
  if (/^\+?inf(inity)?$/i.test(score)) return Infinity;
  if (/^-inf(inity)?$/i.test(score)) return -Infinity;
  const n = Number.parseInt(score, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** Location scores per resource id and node: the plain `rsc= node= score=` form only (rules and patterns are not read). */
function locationScores(cib: XmlElement): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const constraints = sectionOf(cib, "constraints");
  for (const c of constraints ? childElements(constraints, "rsc_location") : []) {
    const { rsc, node } = c.attrs;
    const score = parseScore(c.attrs.score);
    if (!rsc || !node || score === undefined || firstChild(c, "rule")) continue;
    const byNode = out.get(rsc) ?? new Map<string, number>();
    byNode.set(node, (byNode.get(node) ?? 0) + score);
    out.set(rsc, byNode);
  }
  return out;
}

/** A device's instance attributes split into the agent's parameters and Pacemaker's options. */
export function splitAttributes(attributes: Iterable<[string, string]>): Pick<FenceDevice, "params" | "pcmk"> {
  const params: Record<string, string> = {};
  const pcmk: Record<string, string> = {};
  let action: string | undefined;
  for (const [name, value] of attributes) {
    if (name === "action") action = value;
    if (isPacemakerOption(name)) pcmk[name] = value;
    else if (!isNeverPassed(name)) params[name] = value;
  }
  mapActionParameter(action, pcmk);
  return { params, pcmk };
}

function readDevice(primitive: XmlElement, scores: Map<string, Map<string, number>>, optIn: boolean): FenceDevice {
  const { params, pcmk } = splitAttributes(nvpairs(primitive, "instance_attributes"));
  const chain = withAncestors(primitive);
  const meta = nvpairs(primitive, "meta_attributes");
  const priority = integerOption(pcmk.priority ?? meta.get("priority"), 0);
  const scoreMaps = chain.map((e) => scores.get(e.attrs.id ?? "")).filter((m): m is Map<string, number> => !!m);
  const bannedOn = (node: string): boolean => {
    const own = scoreMaps.map((m) => m.get(node)).filter((s): s is number => s !== undefined);
    if (own.some((s) => s < 0)) return true;
    return optIn && own.length === 0;
  };
  return {
    id: primitive.attrs.id ?? "",
    agent: primitive.attrs.type ?? "",
    params,
    pcmk,
    priority,
    disabled: chain.some(isStopped),
    bannedOn,
  };
}

/** Every fence device of the CIB, in document order. */
export function fenceDevices(cib: XmlElement): FenceDevice[] {
  const resources = sectionOf(cib, "resources");
  if (!resources) return [];
  const scores = locationScores(cib);
  const optIn = clusterProperty(cib, "symmetric-cluster")?.toLowerCase() === "false";
  const devices: FenceDevice[] = [];
  walk(resources, (e) => {
    if (e.name === "primitive") {
      if (e.attrs.class === "stonith" && e.attrs.id) devices.push(readDevice(e, scores, optIn));
      return false;
    }
    return e === resources || ["group", "clone", "master", "bundle"].includes(e.name);
  });
  return devices;
}
