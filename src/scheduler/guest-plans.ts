// What a guest node's container does to the resources on that guest node (pcmk_sched_remote.c
// apply_container_ordering): a start there follows the container's start, which implies it (a
// container that starts again restarts what its guest node keeps) and which it needs (a container
// that cannot start stops it). A connection whose container stops without migrating cannot migrate
// either: the container's stop implies the connection's, and an implied stop is no migration.
import { isManaged } from "./placement.js";
import type { Cluster, PrimitivePlan, Resource, SchedNode } from "./types.js";

const containerOf = (node: SchedNode | undefined): Resource | undefined => (node?.remote === "guest" ? node.connection?.container : undefined);

/** One pass over the plans; true when some plan changed. */
export function applyGuestContainers(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): boolean {
  let changed = false;
  for (const plan of plans.values()) {
    const container = containerOf(plan.from);
    if (!container || plan.to !== plan.from || plan.startBlocked || !isManaged(plan.rsc, cluster) || plan.rsc.blocked) continue;
    const cp = plans.get(container);
    if (!cp) continue;
    if (!cp.to || cp.startBlocked) {
      plan.stop = true;
      plan.start = true;
      plan.startBlocked = true;
      // a container placed but blocked had its start required first; one gone for good never had one
      plan.stopReason = `${cp.to ? "required" : "unrunnable"} ${container.id} start`;
      changed = true;
    } else if (cp.start && !cp.migrate && !plan.start) {
      plan.stop = true;
      plan.start = true;
      plan.restartReason = `${container.id} start`;
      changed = true;
    }
  }
  return changed;
}

/** Connections inside a container migrate only along with it. */
export function keepGuestMigrations(plans: Map<Resource, PrimitivePlan>): void {
  for (const plan of plans.values()) {
    const container = plan.migrate ? plan.rsc.remoteNode && plan.rsc.container : undefined;
    const cp = container && plans.get(container);
    if (cp && cp.stop && !cp.migrate) plan.migrate = undefined;
  }
}
