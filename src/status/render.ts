// crm_mon's text layout of nodes and resources, for `pcs status` and for simulate's
// "Current cluster status" / "Revised Cluster Status".
import type { Cluster, Resource, Role, SchedNode } from "../scheduler/types.js";
import { healthSuffix } from "./node-details.js";
import { EVERYTHING, filteredByNodeNames, isFiltered, memberShown, namedItself, nodeListed, type NameList } from "./resource-filter.js";

/** Where one primitive is (or will be), as shown. */
export interface Placement {
  nodes: SchedNode[];
  role: Role;
  failed: boolean;
}

export type PlacementOf = (rsc: Resource) => Placement;

// On a terminal, states are coloured as crm_mon users know them; scripts (no TTY, NO_COLOR, TERM=dumb)
// get crm_mon's exact bytes. Plain SGR codes: chalk's import would be the only async step of the status
// path, for four colours (docs/decisions.md).
const SGR = { green: 32, yellow: 33, red: 31 } as const;
let colourOn: boolean | undefined;
const colourWanted = (): boolean =>
  (colourOn ??= !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== "dumb");
const paint = (text: string, colour: keyof typeof SGR): string => (colourWanted() ? `\u001b[${SGR[colour]}m${text}\u001b[39m` : text);
const STATE_COLOUR: Record<string, keyof typeof SGR> = { Started: "green", Promoted: "green", Unpromoted: "green", Stopped: "yellow", FAILED: "red" };
const paintState = (word: string): string => (STATE_COLOUR[word] ? paint(word, STATE_COLOUR[word]) : word);

export const currentPlacement: PlacementOf = (rsc) => ({ nodes: rsc.running, role: rsc.running.length ? rsc.role : "Stopped", failed: rsc.failed });

export const nextPlacement: PlacementOf = (rsc) => ({
  nodes: rsc.assignedTo ? [rsc.assignedTo] : [],
  role: rsc.assignedTo ? rsc.nextRole : "Stopped",
  failed: false,
});

export function renderNodes(cluster: Cluster, placementOf: PlacementOf, fenced = new Set<string>()): string[] {
  const out = ["Node List:"];
  const online: string[] = [];
  const offline: string[] = [];
  const active = new Set<string>();
  for (const p of cluster.primitives) for (const n of placementOf(p).nodes) active.add(n.uname);
  for (const n of cluster.nodes) {
    const unclean = n.unclean && !fenced.has(n.uname);
    const health = healthSuffix(n, cluster);
    const single = (state: string) => out.push(`  * Node ${n.uname}: ${state}${health}`);
    if (unclean) single(`${paint("UNCLEAN", "red")} (${n.online ? "online" : "offline"})`);
    else if (n.pending) single("pending");
    else if (!n.online || fenced.has(n.uname)) {
      if (n.standby) single("OFFLINE (standby)");
      else if (n.maintenance) single("OFFLINE (maintenance)");
      else if (health) single("OFFLINE");
      else offline.push(n.uname);
    } else if (n.standby) single(`standby${active.has(n.uname) ? " (with active resources)" : ""}`);
    else if (n.maintenance) single("maintenance");
    else if (health) single("online");
    else online.push(n.uname);
  }
  if (online.length) out.push(`  * ${paint("Online", "green")}: [ ${online.join(" ")} ]`);
  if (offline.length) out.push(`  * ${paint("OFFLINE", "red")}: [ ${offline.join(" ")} ]`);
  return out;
}

function disabled(rsc: Resource): boolean {
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (r.targetRole === "Stopped") return true;
  return false;
}

/** The target-role a resource has (its own or inherited from the nearest parent that sets one). */
function targetRoleOf(rsc: Resource): Role | undefined {
  for (let r: Resource | undefined = rsc; r; r = r.parent) if (r.targetRole !== undefined) return r.targetRole;
  return undefined;
}

const topOf = (rsc: Resource): Resource => (rsc.parent ? topOf(rsc.parent) : rsc);

const isManaged = (rsc: Resource, cluster: Cluster): boolean => rsc.managed && !cluster.options.maintenanceMode;

/** Pacemaker's pcmk__native_output_string: name, agent, state, node(s), then the flags in one parenthesis. */
function primitiveLine(rsc: Resource, p: Placement, indent: string, cluster: Cluster, name = rsc.id): string {
  const words: string[] = [];
  if (rsc.orphan) words.push("ORPHANED");
  const promoted = p.role === "Promoted";
  if (!p.nodes.length) words.push(paintState("Stopped"));
  else if (p.failed) words.push(paintState("FAILED"), ...(promoted ? ["Promoted"] : []));
  else words.push(paintState(p.role));
  const node = p.nodes.length === 1 ? p.nodes[0] : undefined;
  if (node) words.push(node.uname);
  const flags: string[] = [];
  if (node && !node.online && node.unclean) flags.push(paint("UNCLEAN", "red"));
  const target = targetRoleOf(rsc);
  if (target === "Stopped") flags.push("disabled");
  else if (target === "Unpromoted" && topOf(rsc).clone?.promotable) flags.push("target-role:Unpromoted");
  if (rsc.blocked) flags.push("blocked");
  else if (!isManaged(rsc, cluster)) flags.push("unmanaged");
  let line = `${indent}* ${name}\t(${rsc.agent}):\t ${words.join(" ")}${flags.length ? ` (${flags.join(", ")})` : ""}`;
  if (p.nodes.length > 1) line += ` [ ${p.nodes.map((n) => n.uname).join(" ")} ]`;
  return line;
}

/** --show-detail: every instance on its own line, anonymous ones under their configured id. */
/** A promotable clone's instances that are not promoted run in the Unpromoted role. */
const instancePlacement =
  (clone: Resource, shownAt: PlacementOf): PlacementOf =>
  (r) => {
    const p = shownAt(r);
    return clone.clone?.promotable && p.role === "Started" ? { ...p, role: "Unpromoted" } : p;
  };

function detailedInstances(clone: Resource, instances: Resource[], shownAt: PlacementOf, cluster: Cluster, hideInactive: boolean): string[] {
  const unique = !!clone.clone?.globallyUnique;
  const placementOf = instancePlacement(clone, shownAt);
  const out: string[] = [];
  for (const inst of instances) {
    const activeHere = primitivesOfInst(inst).some((p) => placementOf(p).nodes.length);
    // crm_mon lists the stopped instances even with --inactive off
    if (inst.orphan && !activeHere) continue;
    if (inst.variant === "group") {
      // a group leaves out its inactive members (and so an inactive group) with --inactive off
      if (hideInactive && !activeHere) continue;
      const shown = inst.children.filter((m) => !hideInactive || placementOf(m).nodes.length);
      const inactive = inst.children.length - shown.length;
      out.push(`    * Resource Group: ${inst.id}${inactive ? ` (${inactive} member${inactive === 1 ? "" : "s"} inactive)` : ""}:`);
      for (const m of shown) out.push(primitiveLine(m, placementOf(m), "      ", cluster, unique ? m.id : m.baseId));
    } else out.push(primitiveLine(inst, placementOf(inst), "    ", cluster, unique ? inst.id : inst.baseId));
  }
  return out;
}

/** The resources and nodes a filtered status shows (crm_mon --resource and --node); all by default. */
interface Shown {
  resources: NameList;
  nodes: NameList;
}

function cloneLines(clone: Resource, shownAt: PlacementOf, cluster: Cluster, hideInactive: boolean, shown: Shown, detail = false): string[] {
  if (isFiltered(clone, shown.resources, true)) return [];
  const placementOf = instancePlacement(clone, shownAt);
  const everything = namedItself(clone, shown.resources);
  const instances = clone.children.filter((inst) => !filteredByNodeNames(activeNodes(inst, placementOf), shown.nodes) && !isFiltered(inst, shown.resources, everything));
  const info = clone.clone;
  const template = clone.children[0];
  const childId = info?.childId ?? template?.baseId ?? "";
  const tags: string[] = [];
  if (info?.promotable) tags.push("promotable");
  if (info?.globallyUnique) tags.push("unique");
  if (!clone.managed || cluster.options.maintenanceMode) tags.push("unmanaged");
  if (disabled(clone)) tags.push("disabled");
  // crm_mon prints a clone's header only above something
  const header = `  * Clone Set: ${clone.id} [${childId}]${tags.length ? ` (${tags.join(", ")})` : ""}:`;
  const body = cloneBody(clone, instances, placementOf, cluster, hideInactive, shown, detail);
  if (body === HEADER_ALONE) return [header];
  return body.length ? [header, ...body] : [];
}

function cloneBody(clone: Resource, instances: Resource[], placementOf: PlacementOf, cluster: Cluster, hideInactive: boolean, shown: Shown, detail: boolean): string[] {
  const info = clone.clone;
  const out: string[] = [];
  if (detail) return detailedInstances(clone, instances, placementOf, cluster, hideInactive);
  if (info?.globallyUnique) {
    for (const inst of instances) {
      if (inst.orphan && !primitivesOfInst(inst).some((p) => placementOf(p).nodes.length)) continue;
      if (inst.variant === "group") {
        out.push(`    * Resource Group: ${inst.id}:`);
        for (const m of inst.children) out.push(primitiveLine(m, placementOf(m), "      ", cluster));
      } else out.push(primitiveLine(inst, placementOf(inst), "    ", cluster));
    }
    return out;
  }
  const byRole = new Map<string, string[]>();
  const used = new Set<string>();
  const extra: string[] = [];
  const listed = (label: string, nodes: SchedNode[]) => {
    const list = byRole.get(label) ?? [];
    for (const n of nodes) {
      list.push(n.uname);
      used.add(n.uname);
    }
    byRole.set(label, list);
  };
  const roleLabel = (role: Role) => (info?.promotable ? (role === "Promoted" ? "Promoted" : "Unpromoted") : "Started");
  for (const inst of instances) {
    if (inst.variant === "group") {
      // a group instance is listed by node only when all its members run there, well
      const members = inst.children.map((m) => ({ m, p: placementOf(m) }));
      const running = members.filter(({ p }) => p.nodes.length);
      if (!running.length) continue;
      const nodes = new Set(running.flatMap(({ p }) => p.nodes.map((n) => n.uname)));
      const whole = running.length === members.length && nodes.size === 1 && !running.some(({ p, m }) => p.failed || !isManaged(m, cluster) || m.orphan);
      if (whole) {
        listed(roleLabel(running.some(({ p }) => p.role === "Promoted") ? "Promoted" : "Started"), running[0].p.nodes.slice(0, 1));
        continue;
      }
      extra.push(`    * Resource Group: ${inst.id}:`);
      for (const { m, p } of members) extra.push(primitiveLine(m, p, "      ", cluster, m.baseId));
      for (const n of nodes) used.add(n);
      continue;
    }
    const p = placementOf(inst);
    if (!p.nodes.length) continue;
    if (p.failed || inst.orphan || !isManaged(inst, cluster)) {
      extra.push(primitiveLine(inst, p, "    ", cluster, inst.baseId));
      used.add(p.nodes[0].uname);
      continue;
    }
    listed(roleLabel(p.role), p.nodes);
  }
  out.push(...extra);
  for (const label of ["Promoted", "Unpromoted", "Started"]) {
    const list = byRole.get(label);
    if (list?.length) out.push(`    * ${paintState(label)}: [ ${cluster.nodes.filter((n) => list.includes(n.uname)).map((n) => n.uname).join(" ")} ]`);
  }
  if (hideInactive) return out;
  const activeInstances = [...byRole.values()].reduce((n, list) => n + list.length, 0);
  // the nodes without an instance are listed only while instances are missing
  // a node with any instance (shown or filtered out) is not listed as stopped
  const runningOn = new Set(activeNodes(clone, placementOf));
  const stoppedOn = (n: SchedNode) => !used.has(n.uname) && !runningOn.has(n.uname) && nodeListed(n.uname, shown.nodes);
  const stopped = cloneMax(clone, cluster) > activeInstances ? cluster.nodes.filter(stoppedOn).map((n) => n.uname) : [];
  if (stopped.length) out.push(`    * ${paintState("Stopped")}${disabled(clone) ? " (disabled)" : ""}: [ ${stopped.join(" ")} ]`);
  else if (!activeInstances && !out.length) return HEADER_ALONE;
  return out;
}

/** clone-max as Pacemaker reads it: by default one per node (guest and remote nodes too), at least one. */
const cloneMax = (clone: Resource, cluster: Cluster): number => (clone.meta.has("clone-max") ? (clone.clone?.max ?? 0) : Math.max(1, cluster.nodes.length));

/** A clone with no instance to show (no nodes, or none the filter asks for) still shows its header. */
const HEADER_ALONE: string[] = [""];

export interface ResourceFilter {
  hideInactive?: boolean;
  /** crm_mon --resource: the names of the resources shown (./resource-filter.ts); all by default. */
  resources?: NameList;
  /** crm_mon --node: the names of the nodes whose active resources are shown; all by default. */
  nodes?: NameList;
  /** crm_mon --show-detail: clone instances one by one. */
  detail?: boolean;
}

const activeNodes = (r: Resource, placementOf: PlacementOf): string[] => primitivesOfInst(r).flatMap((p) => placementOf(p).nodes.map((n) => n.uname));

function groupLines(group: Resource, placementOf: PlacementOf, cluster: Cluster, hide: boolean, shown: Shown): string[] {
  if (isFiltered(group, shown.resources, true)) return [];
  const members = group.children.filter((m) => memberShown(group, m, shown.resources, !hide, activeNodes(m, placementOf).length > 0));
  if (!members.length) return [];
  const allActive = group.children.every((m) => activeNodes(m, placementOf).length > 0);
  const inactive = hide && !allActive ? group.children.filter((m) => !activeNodes(m, placementOf).length).length : 0;
  const tags = [inactive ? `${inactive} member${inactive === 1 ? "" : "s"} inactive` : "", !isManaged(group, cluster) ? "unmanaged" : "", disabled(group) ? "disabled" : ""].filter(Boolean);
  return [`  * Resource Group: ${group.id}${tags.length ? ` (${tags.join(", ")})` : ""}:`, ...members.map((m) => primitiveLine(m, placementOf(m), "    ", cluster))];
}

/** crm_mon's "Full List of Resources" block, at crm_mon's indentation. */
export function renderResources(cluster: Cluster, placementOf: PlacementOf, filter: ResourceFilter = {}): string[] {
  const out = [filter.hideInactive ? "Active Resources:" : "Full List of Resources:"];
  const hide = !!filter.hideInactive;
  const shown: Shown = { resources: filter.resources ?? EVERYTHING, nodes: filter.nodes ?? EVERYTHING };
  let printed = 0;
  for (const r of cluster.resources) {
    const nodes = activeNodes(r, placementOf);
    if (r.orphan && !nodes.length) continue;
    if (hide && !nodes.length) continue;
    if (filteredByNodeNames(nodes, shown.nodes)) continue;
    let lines: string[];
    if (r.variant === "primitive") lines = isFiltered(r, shown.resources, true) ? [] : [primitiveLine(r, placementOf(r), "  ", cluster)];
    else if (r.variant === "group") lines = groupLines(r, placementOf, cluster, hide, shown);
    else lines = cloneLines(r, placementOf, cluster, hide, shown, filter.detail);
    if (lines.length) printed++;
    out.push(...lines);
  }
  if (!printed) out.push(hide ? "  * No active resources" : "  * No resources");
  return out;
}

/** crm_simulate's status block: crm_mon's layout indented by two more columns. */
export function renderStatus(cluster: Cluster, placementOf: PlacementOf, fenced?: Set<string>): string[] {
  return [...renderNodes(cluster, placementOf, fenced), "", ...renderResources(cluster, placementOf)].map((l) => (!l ? l : l.startsWith(" ") ? `  ${l}` : `  * ${l}`));
}

function primitivesOfInst(r: Resource): Resource[] {
  return r.variant === "primitive" ? [r] : r.children.flatMap(primitivesOfInst);
}
