// Clearing expired fail counts: when a primitive has a failure-timeout, a failed operation in its history
// is older than that, and the node's fail count for it has expired as a whole (its last failure too),
// Pacemaker schedules clear_failcount on that node (a controller job nothing waits for).
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import type { Model } from "./graph-model.js";
import type { Cluster, Resource, SchedNode } from "./types.js";

/** Operation status "not installed": such failures never expire. */
const NOT_INSTALLED = "7";

function failCount(node: SchedNode, names: string[]): { count: number; last: number } {
  let count = 0;
  let last = 0;
  for (const [k, v] of node.attrs) {
    for (const name of names) {
      const fail = `fail-count-${name}`;
      const lastFailure = `last-failure-${name}`;
      if (k === fail || k.startsWith(`${fail}#`)) count += v === "INFINITY" || v === "+INFINITY" ? 1000000 : Number(v) || 0;
      else if (k === lastFailure || k.startsWith(`${lastFailure}#`)) last = Math.max(last, Number(v) || 0);
    }
  }
  return { count, last };
}

/** The primitive a history entry belongs to: by its id, else the clone instance filed under it. */
function primitiveFor(id: string, node: SchedNode, cluster: Cluster, byHistory: Map<string, Resource[]>): Resource | undefined {
  const direct = cluster.byId.get(id);
  if (direct?.variant === "primitive") return direct;
  const candidates = byHistory.get(id) ?? [];
  return candidates.find((p) => p.running.includes(node)) ?? candidates.find((p) => p.knownOn.has(node.uname)) ?? candidates[0];
}

function historyIndex(cluster: Cluster): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const p of cluster.primitives) {
    for (const name of new Set([p.historyName ?? p.id, p.baseId])) {
      const list = out.get(name);
      if (list) list.push(p);
      else out.set(name, [p]);
    }
  }
  return out;
}

export function addFailcountClears(model: Model, cib: XmlElement, cluster: Cluster, keyOf: (rsc: Resource) => string): void {
  const status = firstChild(cib, "status");
  if (!status || !cluster.primitives.some((p) => p.failureTimeout > 0)) return;
  const now = cluster.now / 1000;
  const byHistory = historyIndex(cluster);
  for (const ns of childElements(status, "node_state")) {
    const node = cluster.nodeByName.get(ns.attrs.uname ?? "");
    if (!node || !node.online || node.unclean) continue;
    const lrm = firstChild(ns, "lrm");
    const list = lrm && firstChild(lrm, "lrm_resources");
    for (const lr of list ? childElements(list, "lrm_resource") : []) {
      const rsc = primitiveFor(lr.attrs.id, node, cluster, byHistory);
      const timeout = rsc?.failureTimeout ?? 0;
      if (!rsc || timeout <= 0) continue;
      const expiredOp = childElements(lr, "lrm_rsc_op").some((o) => {
        const changed = Number(o.attrs["last-rc-change"] ?? "");
        return o.attrs["op-status"] !== NOT_INSTALLED && Number.isFinite(changed) && changed > 0 && now >= changed + timeout;
      });
      if (!expiredOp) continue;
      const { count, last } = failCount(node, [...new Set([lr.attrs.id, lr.attrs.id.replace(/:\d+$/, ""), rsc.id])]);
      // nothing to clear, or a failure recent enough still counts
      if (count <= 0 || last <= 0 || now <= last + timeout) continue;
      const key = `${keyOf(rsc)}_clear_failcount_0`;
      if (model.find(rsc, "clear_failcount", node).length) continue;
      model.add({ key, task: "clear_failcount", kind: "crm_event", rsc, node, required: true, meta: { CRM_meta_op_no_wait: "true" } });
    }
  }
}
