// The scheduler: a pure function from a CIB with status (and a time) to decisions:
// unpack -> assign -> actions (with orderings) -> summary. No I/O.
import type { XmlElement } from "../cib/xml.js";
import { planActions, type PrimitivePlan } from "./actions.js";
import { assignAll, canFence, canHost, isManaged } from "./assign.js";
import { unpackConstraints } from "./constraints.js";
import { dropInnerLocations } from "./bundle.js";
import { unpackHistory } from "./history.js";
import { scoreText } from "./score.js";
import { formatSummary, summarize } from "./summary.js";
import type { Cluster, Resource, ScheduleResult } from "./types.js";
import { expandTemplates } from "./templates.js";
import { expandGuests } from "./remote.js";
import { expandBundles } from "./bundle-xml.js";
import { fenceUnrecoverableRemotes } from "./remote-fencing.js";
import { applyTickets } from "./tickets.js";
import { unpackUtilization } from "./utilization.js";
import { unpack } from "./unpack.js";
import { planUnfencing } from "./unfence.js";

export type { ScheduleResult, Cluster, Resource } from "./types.js";
export { formatSummary } from "./summary.js";

export interface ScheduleOutput extends ScheduleResult {
  plans: Map<Resource, PrimitivePlan>;
  /** The CIB as scheduled: templates, bundles and guest nodes expanded (the graph phase reads it too). */
  expanded: XmlElement;
}

/** The CIB with templates, bundles and guest nodes expanded into the primitives they stand for. */
export function expandCib(source: XmlElement): XmlElement {
  return expandGuests(expandBundles(expandTemplates(source)));
}

/** A failed stop fences its node when fencing is possible; otherwise the resource is blocked there. */
function applyStopFailures(cluster: Cluster, failures: ReturnType<typeof unpackHistory>): void {
  for (const list of failures.values()) {
    for (const { node, rsc } of list) {
      if (canFence(cluster, node)) {
        if (!node.unclean) {
          node.unclean = true;
          node.fenceReason = `${rsc.id} failed there`;
        }
      } else if (!node.unclean || node.uncleanByHistory) rsc.blocked = true;
    }
  }
}

/** shutdown-lock: a primitive (alone or in a group) active only on a node shutting down cleanly, or
 * locked there by its history, may run nowhere else. */
function applyShutdownLocks(cluster: Cluster): void {
  if (!cluster.options.shutdownLock) return;
  const lock = (rsc: Resource) => {
    if (rsc.variant === "group") return rsc.children.forEach(lock);
    if (rsc.variant !== "primitive" || rsc.isStonith) return;
    if (rsc.lockNode) {
      // Already active again somewhere: the lock no longer applies.
      if (rsc.running.length) rsc.lockNode = undefined;
    } else if (rsc.running.length === 1 && rsc.running[0].shutdown && !rsc.running[0].unclean) rsc.lockNode = rsc.running[0];
    const locked = rsc.lockNode;
    if (locked) for (const n of cluster.nodes) if (n !== locked) rsc.banned.add(n.uname);
  };
  cluster.resources.forEach(lock);
}

/** multiple-active: stop_only stops every copy for good; block leaves them alone. */
function applyMultipleActive(cluster: Cluster): void {
  for (const rsc of cluster.primitives) {
    if (rsc.running.length < 2) continue;
    const policy = rsc.meta.get("multiple-active");
    if (policy === "stop_only") rsc.forceStop = true;
    else if (policy === "block") rsc.managed = false;
  }
}

function fencing(cluster: Cluster, plans: Map<Resource, PrimitivePlan>): ScheduleResult["fencing"] {
  // Pacemaker fences nothing until there is a resource to manage (the fencing devices count too)
  const managed = cluster.primitives.some((p) => isManaged(p, cluster));
  const out: ScheduleResult["fencing"] = [];
  for (const n of cluster.nodes) {
    if (n.remote === "guest") {
      // "fenced" by recovering its guest resource: a pseudo event, "reboot" when the guest starts again
      const container = n.connection?.container;
      if (n.requiresReset && container && managed && canFence(cluster, n)) out.push({ node: n.uname, action: plans.get(container)?.start ? "reboot" : "off", reason: "guest is unclean", guestOf: container.id });
    } else if (managed && n.unclean && canFence(cluster, n)) out.push({ node: n.uname, action: cluster.options.stonithAction, reason: n.fenceReason ?? "node is unclean" });
  }
  // Pacemaker lists node actions newest first: the last node fenced is named first
  return out.reverse();
}

/** crm_simulate's allocation score lines (--scores): made only when asked for, one per resource and node. */
export function scoreLines(cluster: Cluster): string[] {
  const out: string[] = [];
  for (const r of cluster.primitives) {
    for (const node of cluster.nodes) {
      let s = r.parent && r.parent.variant !== "primitive" ? (r.parent.scores.get(node.uname) ?? r.scores.get(node.uname)) : r.scores.get(node.uname);
      if (s === undefined) s = 0;
      if (!canHost(node) && s > 0) s = 0;
      out.push(`pcmk__primitive_assign: ${r.id} allocation score on ${node.uname}: ${scoreText(s)}`);
    }
  }
  return out;
}

export function schedule(source: XmlElement, now: number = Date.now()): ScheduleOutput {
  const cib = expandCib(source);
  const cluster = unpack(cib, now);
  unpackConstraints(cib, cluster);
  dropInnerLocations(cluster);
  const stopFailures = unpackHistory(cib, cluster);
  applyTickets(cib, cluster);
  applyStopFailures(cluster, stopFailures);
  applyShutdownLocks(cluster);
  applyMultipleActive(cluster);
  unpackUtilization(cib, cluster);
  assignAll(cluster);
  const plans = planActions(cluster);
  fenceUnrecoverableRemotes(cluster, plans);
  const unfencing = planUnfencing(cib, cluster, plans);
  const summary = summarize(cluster, plans);
  return { cluster, summary, fencing: [...fencing(cluster, plans), ...unfencing], plans, expanded: cib };
}

export function transitionSummary(result: ScheduleResult): string[] {
  return formatSummary(result.summary, result.fencing);
}
