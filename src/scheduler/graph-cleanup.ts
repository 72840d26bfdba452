// Clean-up of resource history (lrm_delete): Pacemaker deletes a node's record of a resource that is no
// longer configured, and of one whose agent (class, provider, type) changed since it was recorded, on
// every node that can run actions (an unmanaged resource is left alone). The clean-up waits for the resource's stops and comes before its starts.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import type { Model } from "./graph-model.js";
import type { Cluster, Resource, SchedNode } from "./types.js";
import { historyPrimitive } from "./unpack.js";

/** Configured primitives by id, with their agent. */
interface Configured {
  agent: string;
}

/** Configured primitives (with a bundle's generated ones: the CIB given is expanded). */
function configuredPrimitives(cib: XmlElement): Map<string, Configured> {
  const out = new Map<string, Configured>();
  const config = firstChild(cib, "configuration");
  const resources = config && firstChild(config, "resources");
  const templates = new Map<string, XmlElement>();
  for (const t of resources ? childElements(resources, "template") : []) templates.set(t.attrs.id, t);
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === "primitive") {
        const from = c.attrs.template ? (templates.get(c.attrs.template) ?? c) : c;
        const cls = c.attrs.class ?? from.attrs.class;
        const agent = [cls, c.attrs.provider ?? from.attrs.provider, c.attrs.type ?? from.attrs.type].filter(Boolean).join(":");
        out.set(c.attrs.id, { agent });
        // a guest node's connection resource is implicit, named by the remote-node meta attribute
        for (const set of childElements(c, "meta_attributes")) {
          for (const nv of childElements(set, "nvpair")) if (nv.attrs.name === "remote-node" && nv.attrs.value) out.set(nv.attrs.value, { agent: "ocf:pacemaker:remote" });
        }
      } else if (c.name === "group" || c.name === "clone" || c.name === "master" || c.name === "bundle") visit(c);
    }
  };
  if (resources) visit(resources);
  return out;
}

/** Pacemaker's "available" node for history checks: online, clean, not standby, not shutting down. */
const available = (n: SchedNode) => n.online && !n.unclean && !n.standby && !n.shutdown && !n.maintenance && !n.pending;

export function addCleanups(model: Model, cib: XmlElement, cluster: Cluster): void {
  const status = firstChild(cib, "status");
  if (!status) return;
  const configured = configuredPrimitives(cib);
  const detached = new Map<string, Resource>();
  for (const ns of childElements(status, "node_state")) {
    const node = cluster.nodeByName.get(ns.attrs.uname ?? "");
    if (!node || !available(node)) continue;
    const lrm = firstChild(ns, "lrm");
    const list = lrm && firstChild(lrm, "lrm_resources");
    for (const lr of list ? childElements(list, "lrm_resource") : []) {
      if (!firstChild(lr, "lrm_rsc_op")) continue;
      const id = lr.attrs.id;
      const recorded = [lr.attrs.class, lr.attrs.provider, lr.attrs.type].filter(Boolean).join(":");
      const base = id.replace(/:\d+$/, "");
      const conf = configured.get(id) ?? configured.get(base);
      let rsc: Resource | undefined;
      if (conf) {
        // configured: cleaned up only when its agent changed
        if (!lr.attrs.type || recorded === conf.agent) continue;
        const known = cluster.byId.get(id);
        rsc = known?.variant === "primitive" ? known : detachedOf(detached, id, conf.agent, cluster);
      } else {
        const known = cluster.byId.get(id);
        rsc = known?.variant === "primitive" && known.orphan ? known : detachedOf(detached, id, recorded, cluster);
        if (!cluster.options.stopOrphanResources) continue;
      }
      if (rsc.failed || !rsc.managed) continue;
      addCleanup(model, rsc, node, id);
    }
  }
}

function detachedOf(cache: Map<string, Resource>, id: string, agent: string, cluster: Cluster): Resource {
  let rsc = cache.get(id);
  if (!rsc) cache.set(id, (rsc = historyPrimitive(id, agent, cluster.now)));
  return rsc;
}

function addCleanup(model: Model, rsc: Resource, node: SchedNode, id: string): void {
  const del = model.add({ key: `${id}_delete_0`, task: "delete", kind: "rsc_op", rsc, node, required: true });
  for (const stop of model.find(rsc, "stop")) model.order(stop, del);
  for (const start of model.find(rsc, "start")) model.order(del, start);
}
