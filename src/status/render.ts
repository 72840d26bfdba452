// crm_mon's text layout of nodes and resources, for `pcs status` and for simulate's
// "Current cluster status" / "Revised Cluster Status".
import type { Cluster, Resource, Role, SchedNode } from "../scheduler/types.js";

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
    if (unclean) out.push(`  * Node ${n.uname}: ${paint("UNCLEAN", "red")} (${n.online ? "online" : "offline"})`);
    else if (n.pending) out.push(`  * Node ${n.uname}: pending`);
    else if (!n.online || fenced.has(n.uname)) {
      if (n.standby) out.push(`  * Node ${n.uname}: OFFLINE (standby)`);
      else if (n.maintenance) out.push(`  * Node ${n.uname}: OFFLINE (maintenance)`);
      else offline.push(n.uname);
    } else if (n.standby) out.push(`  * Node ${n.uname}: standby${active.has(n.uname) ? " (with active resources)" : ""}`);
    else if (n.maintenance) out.push(`  * Node ${n.uname}: maintenance`);
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

function primitiveLine(rsc: Resource, p: Placement, indent: string, cluster: Cluster): string {
  let state: string;
  const managedFlag = !rsc.managed || cluster.options.maintenanceMode ? " (unmanaged)" : "";
  if (!p.nodes.length) state = paintState("Stopped");
  else {
    const role = p.failed ? "FAILED" : p.role;
    const node = p.nodes[0];
    state = `${paintState(role)} ${p.nodes.map((n) => n.uname).join(" ")}${node.unclean ? ` (${paint("UNCLEAN", "red")})` : ""}`;
  }
  const flags = `${rsc.orphan && !rsc.parent ? " (ORPHANED)" : ""}${managedFlag}${disabled(rsc) ? " (disabled)" : ""}`;
  return `${indent}* ${rsc.id}\t(${rsc.agent}):\t ${state}${flags}`;
}

function cloneLines(clone: Resource, placementOf: PlacementOf, cluster: Cluster, hideInactive: boolean): string[] {
  const info = clone.clone;
  const template = clone.children[0];
  const childId = info?.childId ?? template?.baseId ?? "";
  const tags: string[] = [];
  if (info?.promotable) tags.push("promotable");
  if (info?.globallyUnique) tags.push("unique");
  if (!clone.managed || cluster.options.maintenanceMode) tags.push("unmanaged");
  if (disabled(clone)) tags.push("disabled");
  const out = [`  * Clone Set: ${clone.id} [${childId}]${tags.length ? ` (${tags.join(", ")})` : ""}:`];
  if (info?.globallyUnique || template?.variant === "group") {
    for (const inst of clone.children) {
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
  for (const inst of clone.children) {
    const p = placementOf(inst);
    if (!p.nodes.length) continue;
    if (p.failed) {
      extra.push(primitiveLine(inst, p, "    ", cluster));
      used.add(p.nodes[0].uname);
      continue;
    }
    const label = info?.promotable ? (p.role === "Promoted" ? "Promoted" : "Unpromoted") : "Started";
    const list = byRole.get(label) ?? [];
    for (const n of p.nodes) {
      list.push(n.uname);
      used.add(n.uname);
    }
    byRole.set(label, list);
  }
  out.push(...extra);
  for (const label of ["Promoted", "Unpromoted", "Started"]) {
    const list = byRole.get(label);
    if (list?.length) out.push(`    * ${paintState(label)}: [ ${cluster.nodes.filter((n) => list.includes(n.uname)).map((n) => n.uname).join(" ")} ]`);
  }
  const stopped = cluster.nodes.filter((n) => !used.has(n.uname)).map((n) => n.uname);
  if (stopped.length && !hideInactive) out.push(`    * ${paintState("Stopped")}${disabled(clone) ? " (disabled)" : ""}: [ ${stopped.join(" ")} ]`);
  return out;
}

export interface ResourceFilter {
  hideInactive?: boolean;
  /** Only this resource (or the resource this primitive belongs to). */
  only?: (rsc: Resource) => boolean;
}

const active = (r: Resource, placementOf: PlacementOf): boolean => primitivesOfInst(r).some((p) => placementOf(p).nodes.length > 0);

/** crm_mon's "Full List of Resources" block, at crm_mon's indentation. */
export function renderResources(cluster: Cluster, placementOf: PlacementOf, filter: ResourceFilter = {}): string[] {
  const out = [filter.hideInactive ? "Active Resources:" : "Full List of Resources:"];
  const hide = !!filter.hideInactive;
  let shown = 0;
  for (const r of cluster.resources) {
    if (filter.only && !filter.only(r)) continue;
    if (hide && !active(r, placementOf)) continue;
    shown++;
    if (r.variant === "primitive") out.push(primitiveLine(r, placementOf(r), "  ", cluster));
    else if (r.variant === "group") {
      const tags = [!r.managed ? "unmanaged" : "", disabled(r) ? "disabled" : ""].filter(Boolean);
      out.push(`  * Resource Group: ${r.id}${tags.length ? ` (${tags.join(", ")})` : ""}:`);
      for (const m of r.children) if (!hide || active(m, placementOf)) out.push(primitiveLine(m, placementOf(m), "    ", cluster));
    } else out.push(...cloneLines(r, placementOf, cluster, hide));
  }
  if (!shown) out.push(hide && cluster.resources.length ? "  * No active resources" : "  * No resources");
  return out;
}

/** crm_simulate's status block: crm_mon's layout indented by two more columns. */
export function renderStatus(cluster: Cluster, placementOf: PlacementOf, fenced?: Set<string>): string[] {
  return [...renderNodes(cluster, placementOf, fenced), "", ...renderResources(cluster, placementOf)].map((l) => (!l ? l : l.startsWith(" ") ? `  ${l}` : `  * ${l}`));
}

function primitivesOfInst(r: Resource): Resource[] {
  return r.variant === "primitive" ? [r] : r.children.flatMap(primitivesOfInst);
}
