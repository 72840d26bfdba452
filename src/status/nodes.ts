// pcs status nodes: nodes grouped by state, in pcs's own layout (pcs reads crm_mon's node list: a node
// in standby and maintenance is listed under both).
import type { Cluster } from "../scheduler/types.js";

/** A node as pcs's grouping needs it. */
export interface NodeState {
  uname: string;
  online: boolean;
  standby: boolean;
  maintenance: boolean;
  runsResources: boolean;
}

const GROUPS = ["Online", "Standby", "Standby with resource(s) running", "Maintenance", "Offline"] as const;

function grouped(nodes: NodeState[]): string[] {
  const lists: Record<(typeof GROUPS)[number], string[]> = { Online: [], Standby: [], "Standby with resource(s) running": [], Maintenance: [], Offline: [] };
  for (const n of nodes) {
    if (!n.online) {
      lists.Offline.push(n.uname);
      continue;
    }
    if (n.standby) lists[n.runsResources ? "Standby with resource(s) running" : "Standby"].push(n.uname);
    if (n.maintenance) lists.Maintenance.push(n.uname);
    if (!n.standby && !n.maintenance) lists.Online.push(n.uname);
  }
  return GROUPS.map((g) => [` ${g}:`, ...lists[g]].join(" "));
}

export function clusterNodeStates(cluster: Cluster): NodeState[] {
  const hosting = new Set<string>();
  for (const p of cluster.primitives) for (const n of p.running) hosting.add(n.uname);
  // remote and guest nodes (the scheduler counts them among its nodes) are listed apart
  return cluster.nodes.filter((n) => !n.remote).map((n) => ({ uname: n.uname, online: n.online, standby: n.standby, maintenance: n.maintenance, runsResources: hosting.has(n.uname) }));
}

export function nodeSummary(cluster: Cluster, remoteNodes: NodeState[] = []): string[] {
  return ["Pacemaker Nodes:", ...grouped(clusterNodeStates(cluster)), "Pacemaker Remote Nodes:", ...grouped(remoteNodes)];
}
