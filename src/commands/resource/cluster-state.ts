// Where a resource runs, read from the status section the way pcs reads crm_mon's XML
// (pcs.lib.pacemaker.state get_resource_state), and pcs's sentences about it.
import type { XmlElement } from "../../cib/xml.js";
import { quoteList } from "../../report/index.js";
import { unpackStatus } from "../../scheduler/status-view.js";
import type { Resource } from "../../scheduler/types.js";

/** Role -> sorted node names, for the roles that count as running. */
export type RolesWithNodes = Record<string, string[]>;

const RUNNING_ROLES = new Set(["Started", "Promoted", "Unpromoted"]);

/**
 * The primitives pcs looks at for a resource id: the primitive (or its clone instances), a group's last
 * member (first when checking that it stopped), every instance of a clone's primitive or group member.
 */
function primitivesForStateCheck(resources: Resource[], id: string, expectedRunning: boolean): Resource[] {
  const out: Resource[] = [];
  const pick = (group: Resource) => {
    const members = group.children;
    const member = expectedRunning ? members[members.length - 1] : members[0];
    if (member) out.push(member);
  };
  const visit = (rsc: Resource) => {
    if (rsc.variant === "primitive" && (rsc.id === id || rsc.id.startsWith(`${id}:`))) out.push(rsc);
    if (rsc.variant === "group" && (rsc.id === id || rsc.id.startsWith(`${id}:`))) pick(rsc);
    if (rsc.variant === "clone" && rsc.id === id) {
      for (const child of rsc.children) {
        if (child.variant === "primitive") out.push(child);
        else if (child.variant === "group") pick(child);
      }
    }
    rsc.children.forEach(visit);
  };
  resources.forEach(visit);
  return out.filter((p) => !p.failed && !p.orphan);
}

function rolesWithNodes(primitives: Resource[]): RolesWithNodes {
  const roles: Record<string, Set<string>> = {};
  for (const p of primitives) {
    if (!p.running.length || !RUNNING_ROLES.has(p.role)) continue;
    roles[p.role] ??= new Set();
    for (const node of p.running) roles[p.role].add(node.uname);
  }
  return Object.fromEntries(Object.entries(roles).map(([role, nodes]) => [role, [...nodes].sort()]));
}

export function resourceState(cib: XmlElement, id: string, expectedRunning = true, now = Date.now()): RolesWithNodes {
  const cluster = unpackStatus(cib, now);
  return rolesWithNodes(primitivesForStateCheck(cluster.resources, id, expectedRunning));
}

/** Nodes where the resource runs as Started or Promoted (pcs's _resource_running_on_nodes). */
export const runningOnNodes = (state: RolesWithNodes): Set<string> => new Set([...(state.Promoted ?? []), ...(state.Master ?? []), ...(state.Started ?? [])]);

/** pcs's RESOURCE_RUNNING_ON_NODES / RESOURCE_DOES_NOT_RUN sentences. */
export function describeState(id: string, state: RolesWithNodes): string {
  const entries = Object.entries(state);
  if (!entries.length) return `resource '${id}' is not running on any node`;
  const byLabel = new Map<string, string[]>();
  for (const [role, nodes] of entries) {
    const label = role === "Started" ? "running" : role.toLowerCase();
    byLabel.set(label, [...(byLabel.get(label) ?? []), ...nodes]);
  }
  const parts = [...byLabel].map(([label, nodes]) => `${label} on node${nodes.length === 1 ? "" : "s"} ${quoteList([...nodes].sort())}`).sort();
  return `resource '${id}' is ${parts.join("; ")}`;
}

export const sameState = (a: RolesWithNodes, b: RolesWithNodes): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (s: RolesWithNodes) => Object.fromEntries(Object.entries(s).sort(([x], [y]) => (x < y ? -1 : 1)));
