// pcs status nodes: nodes grouped by state, in pcs's own layout.
import type { Cluster, SchedNode } from "../scheduler/types.js";

export function nodeSummary(cluster: Cluster): string[] {
  const hosting = new Set<string>();
  for (const p of cluster.primitives) for (const n of p.running) hosting.add(n.uname);
  const groups: Record<string, SchedNode[]> = { online: [], standby: [], standbyActive: [], maintenance: [], offline: [] };
  for (const n of cluster.nodes) {
    if (!n.online) groups.offline.push(n);
    else if (n.maintenance) groups.maintenance.push(n);
    else if (n.standby) (hosting.has(n.uname) ? groups.standbyActive : groups.standby).push(n);
    else groups.online.push(n);
  }
  const line = (label: string, nodes: SchedNode[]) => ` ${label}:${nodes.map((n) => ` ${n.uname}`).join("")}`;
  const empty = [" Online:", " Standby:", " Standby with resource(s) running:", " Maintenance:", " Offline:"];
  return [
    "Pacemaker Nodes:",
    line("Online", groups.online),
    line("Standby", groups.standby),
    line("Standby with resource(s) running", groups.standbyActive),
    line("Maintenance", groups.maintenance),
    line("Offline", groups.offline),
    "Pacemaker Remote Nodes:",
    ...empty,
  ];
}
