// Pacemaker Remote nodes and guest nodes, as Pacemaker 2.1.5 unpacks them (lib/pengine/unpack.c):
// an ocf:pacemaker:remote primitive at the top level of the resources is the connection of a remote
// node of the same name; a primitive (alone or in a group) with the remote-node meta attribute is a
// guest resource, whose node is reached through an implicit connection primitive appended to the
// resources. A remote or guest node is online when its connection is (and, for a guest, its guest
// resource); its history is read only then, or in the last pass when fencing is enabled.
import { childElements, createElement, firstChild, type XmlElement } from "../cib/xml.js";
import { INFINITY, type Cluster, type Resource, type SchedNode } from "./types.js";
import { isTrue, parseSeconds } from "./score.js";
import { bundleConnections } from "./bundle-xml.js";

export const isConnectionXml = (e: XmlElement): boolean =>
  e.name === "primitive" && e.attrs.class === "ocf" && e.attrs.provider === "pacemaker" && e.attrs.type === "remote";

/** The remote-node meta attributes of a guest resource (the first value of each name wins). */
function guestMeta(e: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const set of childElements(e, "meta_attributes")) {
    for (const nv of childElements(set, "nvpair")) {
      const name = (nv.attrs.name ?? "").toLowerCase();
      if (!out.has(name)) out.set(name, nv.attrs.value ?? "");
    }
  }
  return out;
}

/** The connection primitive Pacemaker creates for a guest node (pe_create_remote_xml), appended to `parent`. */
function addGuestConnection(guest: XmlElement, name: string, meta: Map<string, string>, parent: XmlElement): void {
  const primitive = createElement("primitive", { id: name, class: "ocf", provider: "pacemaker", type: "remote" }, parent);
  const set = (setName: string, pairs: [string, string | undefined][]) => {
    const id = `${name}-${setName}`;
    const e = createElement(setName, { id }, primitive);
    for (const [n, v] of pairs) if (v !== undefined) createElement("nvpair", { id: `${id}-${n}`, name: n, value: v }, e);
  };
  set("meta_attributes", [
    ["internal_rsc", "true"],
    ["container", guest.attrs.id],
    ["allow-migrate", meta.has("remote-allow-migrate") ? (meta.get("remote-allow-migrate") ?? "") : undefined],
    ["is-managed", meta.has("is-managed") ? (meta.get("is-managed") ?? "") : undefined],
  ]);
  if (meta.has("remote-addr") || meta.has("remote-port")) set("instance_attributes", [["addr", meta.get("remote-addr")], ["port", meta.get("remote-port")]]);
  const ops = createElement("operations", {}, primitive);
  createElement("op", { id: `${name}-monitor-interval-30s`, name: "monitor", interval: "30s", timeout: "30s" }, ops);
  createElement("op", { id: `${name}-start-interval-0`, name: "start", interval: "0", timeout: meta.get("remote-connect-timeout") ?? "60s" }, ops);
}

function ids(e: XmlElement, out: Set<string>): void {
  if (e.attrs.id) out.add(e.attrs.id);
  for (const c of e.children) ids(c, out);
}

/** The CIB with an implicit connection primitive for each guest node (a new tree; the input is kept). */
export function expandGuests(cib: XmlElement): XmlElement {
  const config = firstChild(cib, "configuration");
  const resources = config && firstChild(config, "resources");
  if (!config || !resources) return cib;
  const candidates = resources.children.flatMap((c) => (c.name === "primitive" ? [c] : c.name === "group" ? childElements(c, "primitive") : []));
  const guests = candidates.map((g) => ({ g, meta: guestMeta(g) })).filter((x) => x.meta.get("remote-node"));
  if (!guests.length) return cib;
  const known = new Set<string>();
  ids(resources, known);
  const root: XmlElement = { ...cib, children: [] };
  const newConfig: XmlElement = { ...config, parent: root, children: [] };
  const newResources: XmlElement = { ...resources, parent: newConfig, children: [...resources.children] };
  for (const c of cib.children) root.children.push(c === config ? newConfig : c);
  for (const c of config.children) newConfig.children.push(c === resources ? newResources : c);
  for (const { g, meta } of guests) {
    const name = meta.get("remote-node") as string;
    if (known.has(name)) continue;
    known.add(name);
    addGuestConnection(g, name, meta, newResources);
  }
  return root;
}

/** A remote or guest node (pe_create_node with type remote). */
export function newRemoteNode(id: string, uname: string, attrs: Map<string, string>): SchedNode {
  attrs.set("#uname", uname);
  attrs.set("#id", id);
  attrs.set("#kind", "remote");
  attrs.set("#is_dc", "false");
  return { id, uname, type: "remote", remote: "remote", online: false, standby: false, maintenance: false, unclean: false, pending: false, shutdown: false, attrs, assigned: 0, index: 0 };
}

/** Names of the remote nodes the top-level connection primitives define, in configuration order. */
export function connectionNodeNames(resources: XmlElement | undefined): string[] {
  return resources ? resources.children.flatMap((e) => [e, ...bundleConnections(e)]).filter(isConnectionXml).map((e) => e.attrs.id) : [];
}

/** Links connections to their nodes and guest connections to their guest resources (link_rsc2remotenode,
 * setup_container), with start-up fencing for remote nodes; the guest connection runs with its guest. */
export function linkConnections(cluster: Cluster): void {
  const opts = cluster.options;
  const fillers: Resource[] = [];
  for (const rsc of cluster.primitives) {
    const containerId = rsc.meta.get("container");
    if (containerId && containerId !== rsc.id) {
      const container = cluster.byId.get(containerId);
      if (container) rsc.container = container;
    }
    if (rsc.agent !== "ocf:pacemaker:remote" || rsc.parent) {
      if (rsc.container) fillers.push(rsc);
      continue;
    }
    const node = cluster.nodeByName.get(rsc.id);
    if (!node?.remote) continue;
    node.connection = rsc;
    rsc.remoteNode = node;
    if (rsc.container) {
      node.remote = "guest";
      node.attrs.set("#kind", "container");
      // Resource-with-container: the connection runs where its guest does, and only after it.
      // a bundle's connection may run apart from its container (nested remotes): preferred, not required
      cluster.colocations.push({ id: "resource-with-container", rsc, withRsc: rsc.container, score: rsc.bundle ? 10000 : INFINITY });
      cluster.orderings.push({ id: `${rsc.container.id}-then-${rsc.id}`, first: rsc.container, then: rsc, firstAction: "start", thenAction: "start", kind: "Mandatory", symmetrical: true, implicit: true });
      continue;
    }
    // a remote node's connection with a reconnect interval lets its failures expire after that interval
    const reconnect = parseSeconds(rsc.params.get("reconnect_interval"));
    if (reconnect > 0) rsc.failureTimeout = reconnect;
    if (opts.stonithEnabled && opts.startupFencing) {
      node.unclean = true;
      node.unseen = true;
    } else node.unseen = true;
  }
  const guestOf = new Map<Resource, SchedNode>();
  for (const n of cluster.nodes) if (n.remote === "guest" && n.connection?.container) guestOf.set(n.connection.container, n);
  for (const rsc of fillers) placeFiller(rsc, rsc.container as Resource, guestOf.get(rsc.container as Resource), cluster);
}

/** A resource with a container runs inside it: on the remote or guest node the container stands for
 * (container=NODENAME), or with the container, started after it and stopped before it. */
function placeFiller(rsc: Resource, container: Resource, guest: SchedNode | undefined, cluster: Cluster): void {
  const node = container.remoteNode ?? guest;
  if (node) {
    for (const n of cluster.nodes) if (n !== node) rsc.banned.add(n.uname);
    return;
  }
  cluster.colocations.push({ id: "resource-with-container", rsc, withRsc: container, score: INFINITY });
  cluster.orderings.push({ id: `${container.id}-then-${rsc.id}`, first: container, then: rsc, firstAction: "start", thenAction: "start", kind: "Mandatory", symmetrical: true, implicit: true });
}

const started = (rsc: Resource): boolean => rsc.running.length > 0 && rsc.role !== "Stopped";

/** determine_remote_online_status: a remote or guest node follows its connection (and guest resource). */
export function remoteOnlineStatus(node: SchedNode): void {
  const rsc = node.connection;
  if (!rsc) {
    node.online = false;
    return;
  }
  const container = rsc.container;
  const host = container && rsc.running.length === 1 ? rsc.running[0] : undefined;
  if (started(rsc)) node.online = true;
  if (started(rsc) && rsc.forceStop) node.shutdown = true;
  if (container?.failed) {
    node.online = false;
    node.requiresReset = true;
  } else if (rsc.failed) node.online = false;
  else if (!started(rsc) || (container && !started(container))) {
    node.online = false;
    node.requiresReset = false;
  } else if (host && !host.online && host.unclean) {
    node.online = false;
    node.requiresReset = true;
  }
}

/** Whether a remote or guest node's history can be read in the passes before the last one. */
export function remoteHistoryReady(node: SchedNode, cluster: Cluster): boolean {
  const rsc = node.connection;
  if (!rsc) return false;
  if (node.remote === "guest") return started(rsc) && !!rsc.container && started(rsc.container);
  return cluster.options.shutdownLock || started(rsc);
}

/** unpack_handle_remote_attrs: the node's transient attributes and the states they give. */
export function remoteAttrs(node: SchedNode, state: XmlElement, transient: Map<string, string>, stonithEnabled: boolean): void {
  if ((parseInt(state.attrs.node_in_maintenance ?? "0", 10) || 0) > 0) node.maintenance = true;
  if (!node.requiresReset) {
    node.unclean = false;
    node.unseen = false;
  }
  for (const [k, v] of transient) node.attrs.set(k, v);
  if ((node.attrs.get("shutdown") ?? "0") !== "0") node.shutdown = true;
  if (isTrue(node.attrs.get("standby"))) node.standby = true;
  if (isTrue(node.attrs.get("maintenance")) || (node.connection && !node.connection.managed)) node.maintenance = true;
  const discovery = node.attrs.get("resource-discovery-enabled");
  if (discovery !== undefined && !isTrue(discovery) && (node.remote === "guest" || stonithEnabled)) node.noDiscovery = true;
}

/** remote_connection_assigned: a connection that will run brings its node online (and revokes the
 * fencing of a node never seen); one that will not run shuts it down. */
export function connectionAssigned(rsc: Resource): void {
  const node = rsc.remoteNode;
  if (!node) return;
  if (rsc.assignedTo && rsc.nextRole !== "Stopped") {
    node.online = true;
    if (node.unseen) node.unclean = false;
  } else node.shutdown = true;
}

/** Connections and fencing devices never run on remote or guest nodes, nor do guest resources. */
export function avoidsRemoteNodes(rsc: Resource): boolean {
  if (rsc.isStonith || rsc.remoteNode) return true;
  return rsc.variant === "primitive" && rsc.meta.has("remote-node");
}

export type ConnectionState = "unknown" | "alive" | "resting" | "failed" | "stopped";

/** get_remote_node_state: what the connection of a remote or guest node does in this transition. */
export function connectionState(node: SchedNode): ConnectionState {
  const rsc = node.connection;
  if (!rsc) return "stopped";
  const current = rsc.running[0];
  if (rsc.nextRole === "Stopped" || !rsc.assignedTo) {
    if (current?.unclean) return "failed";
    return rsc.failed ? "failed" : "stopped";
  }
  if (!current) return "unknown";
  if (current.unclean || !current.online) return "resting";
  return "alive";
}
