// Bundles in the resource model (lib/pengine/bundle.c, lib/pacemaker/pcmk_sched_bundle.c): the
// containers are the instances of one placement unit named after the bundle (placed as clone
// instances are, replicas-per-host per node); each address runs with its container and starts before
// it; each connection follows its container (./remote.ts); the inner clone's instance n may run only
// on guest node "<bundle>-<n>", and nothing else may run on a bundle's guest nodes.
import { createElement, type XmlElement } from "../cib/xml.js";
import { INFINITY, type Bundle, type Cluster, type Resource, type SchedNode } from "./types.js";

/** The resources of an expanded <bundle> (./bundle-xml.ts), built by `build`: the containers' unit
 * first, then the addresses, connections and the inner clone as top-level resources. */
export function unpackBundle(e: XmlElement, build: (x: XmlElement) => Resource | undefined): Resource[] {
  const unit = build(createElement("clone", { id: e.attrs.id }));
  if (!unit?.clone) return [];
  const perHost = Number(e.attrs["replicas-per-host"] ?? "1");
  unit.clone = { ...unit.clone, childId: "", max: Number(e.attrs.replicas ?? "1"), nodeMax: perHost, globallyUnique: perHost > 1, promotable: false };
  const bundle: Bundle = { id: e.attrs.id, unit, replicas: [] };
  unit.bundle = bundle;
  const out: Resource[] = [unit];
  const agent = e.attrs.agent;
  for (const x of e.children) {
    if (x.name !== "primitive" && x.name !== "clone") continue;
    const rsc = build(x);
    if (!rsc) continue;
    rsc.bundle = bundle;
    if (x.name === "clone") {
      bundle.child = rsc;
      out.push(rsc);
      continue;
    }
    if (x.attrs.type === agent && x.attrs.provider === "heartbeat") {
      rsc.parent = unit;
      rsc.instance = bundle.replicas.length;
      unit.children.push(rsc);
      bundle.replicas.push({ index: bundle.replicas.length, container: rsc });
      continue;
    }
    const replica = bundle.replicas[bundle.replicas.length - 1];
    if (replica && x.attrs.type === "remote") replica.remote = rsc;
    else if (replica) replica.ip = rsc;
    out.push(rsc);
  }
  return out;
}

const bundlesOf = (cluster: Cluster): Bundle[] => cluster.resources.flatMap((r) => (r.bundle && r.bundle.unit === r ? [r.bundle] : []));

/** Links replicas to their guest nodes and inner instances; addresses go with their containers. */
export function linkBundles(cluster: Cluster): void {
  const guestNodes = new Map<SchedNode, Resource | undefined>();
  for (const bundle of bundlesOf(cluster)) {
    const instances = bundle.child?.children ?? [];
    for (const replica of bundle.replicas) {
      replica.child = instances[replica.index];
      replica.node = replica.remote && cluster.nodeByName.get(replica.remote.id);
      if (replica.node) guestNodes.set(replica.node, replica.child);
      // what runs on a guest node cannot start before the container does
      if (replica.child) for (const p of primitives(replica.child)) cluster.orderings.push({ id: `${replica.container.id}-then-${p.id}`, first: replica.container, then: p, firstAction: "start", thenAction: "start", kind: "Mandatory", symmetrical: false, implicit: true });
      const ip = replica.ip;
      if (!ip) continue;
      cluster.colocations.push({ id: "ip-with-docker", rsc: ip, withRsc: replica.container, score: INFINITY });
      cluster.orderings.push({ id: `${ip.id}-then-${replica.container.id}`, first: ip, then: replica.container, firstAction: "start", thenAction: "start", kind: "Mandatory", symmetrical: true, implicit: true });
    }
    // Instances beyond the replicas have no guest node: they may run nowhere.
    for (const inst of instances.slice(bundle.replicas.length)) for (const p of primitives(inst)) for (const n of cluster.nodes) p.banned.add(n.uname);
  }
  if (!guestNodes.size) return;
  const homeOf = new Map<Resource | undefined, SchedNode>([...guestNodes].map(([node, child]) => [child, node]));
  for (const rsc of cluster.primitives) {
    const own = ownInstance(rsc);
    const home = own && homeOf.get(own);
    // an inner instance runs on its own guest node only; nothing else runs on a bundle's guest nodes
    if (own) for (const n of cluster.nodes) if (n !== home) rsc.banned.add(n.uname);
    if (!own) for (const node of guestNodes.keys()) rsc.banned.add(node.uname);
  }
}

/** Each inner instance is assigned its replica's guest node outright (pcmk__bundle_allocate): a
 * location constraint on the inner resource leaves that choice alone (its promotion scores stay). */
export function dropInnerLocations(cluster: Cluster): void {
  cluster.locations = cluster.locations.filter((l) => l.role === "Promoted" || !(l.rsc.bundle?.child === l.rsc || ownInstance(l.rsc)));
}

function primitives(rsc: Resource): Resource[] {
  return rsc.variant === "primitive" ? [rsc] : rsc.children.flatMap(primitives);
}

/** The inner-clone instance a primitive belongs to, if any. */
function ownInstance(rsc: Resource): Resource | undefined {
  for (let r: Resource | undefined = rsc; r?.parent; r = r.parent) if (r.parent.bundle?.child === r.parent) return r;
  return undefined;
}

/** The containers' unit of a bundle: its instances are containers with their own ids, not clone
 * instances whose history is filed under the clone's primitive. */
export const isContainerUnit = (rsc: Resource | undefined): boolean => !!rsc?.bundle && rsc.bundle.unit === rsc;

/** The inner instance whose guest node is `node` (find_anonymous_clone for bundles). */
export function bundleInstanceOn(clone: Resource, node: SchedNode): Resource | undefined {
  const bundle = clone.bundle;
  if (!bundle || bundle.child !== clone) return undefined;
  return bundle.replicas.find((r) => r.node === node)?.child;
}

/** A bundle connection without an address of its own reaches its container's host: "#uname" stands
 * for that node's name in its parameters (and so in its digests): where the container is placed, else
 * where it runs (a container on a remote node: that node, not the connection's), else `fallback`. */
export function connectionParams(rsc: Resource, params: Map<string, string>, fallback: SchedNode): Map<string, string> {
  if (!rsc.bundle || !rsc.remoteNode || params.get("addr")?.toLowerCase() !== "#uname") return params;
  const host = rsc.container?.assignedTo ?? rsc.container?.running[0] ?? fallback;
  return new Map(params).set("addr", host.uname);
}

/** What a container's own dependents (its address, its connection) make of a node, merged with
 * their colocation's weight: a dependent banned there (a connection on a remote node) counts
 * -score. */
export function containerDependents(inst: Resource, node: SchedNode, cluster: Cluster): number {
  if (!inst.parent || !isContainerUnit(inst.parent)) return 0;
  let s = 0;
  for (const c of cluster.colocations) {
    if (c.withRsc !== inst || c.score <= 0 || !c.rsc.banned.has(node.uname)) continue;
    s = Math.max(-INFINITY, s - c.score);
  }
  return s;
}
