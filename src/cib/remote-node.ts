// Remote nodes (ocf:pacemaker:remote primitives, named by their id, reached at their `server`) and
// guest nodes (primitives with a `remote-node` meta attribute, reached at `remote-addr`), as pcs's
// library finds, creates and removes them in the resources section.
import { error, type ReportItem } from "../report/index.js";
import type { IdIndex } from "./ids.js";
import { section } from "./document.js";
import { arrangeFirstNvset } from "./nvset.js";
import { childElements, descendants, detach, type XmlElement } from "./xml.js";

export const REMOTE_AGENT = { standard: "ocf", provider: "pacemaker", type: "remote" } as const;

/** The meta attributes that make a primitive a guest node, besides remote-node itself. */
export const GUEST_OPTIONS = ["remote-port", "remote-addr", "remote-connect-timeout"] as const;

export interface PacemakerNode {
  name: string;
  addr: string;
}

export const isRemoteAgentPrimitive = (e: XmlElement): boolean =>
  e.name === "primitive" &&
  e.attrs.class === REMOTE_AGENT.standard &&
  e.attrs.provider === REMOTE_AGENT.provider &&
  e.attrs.type === REMOTE_AGENT.type;

/** The nvpairs named `name` in the `tag` sets directly under `primitive`, in document order. */
function pairsOf(primitive: XmlElement, tag: string, name: string): XmlElement[] {
  return childElements(primitive, tag).flatMap((set) => childElements(set, "nvpair").filter((p) => p.attrs.name === name));
}

const primitives = (resources: XmlElement): XmlElement[] => descendants(resources, "primitive");

/** Remote nodes: one per non-empty `server`, then those without one (reached at their name). */
export function remoteNodes(resources: XmlElement): PacemakerNode[] {
  const remotes = primitives(resources).filter(isRemoteAgentPrimitive);
  const servers = (p: XmlElement) => pairsOf(p, "instance_attributes", "server").filter((s) => s.attrs.value);
  const withServer = remotes.flatMap((p) => servers(p).map((s) => ({ name: p.attrs.id ?? "", addr: s.attrs.value ?? "" })));
  const without = remotes.filter((p) => !servers(p).length).map((p) => ({ name: p.attrs.id ?? "", addr: p.attrs.id ?? "" }));
  return [...withServer, ...without];
}

/** A meta_attributes set naming a guest node (a non-empty remote-node). */
const namesGuest = (set: XmlElement): boolean =>
  childElements(set, "nvpair").some((p) => p.attrs.name === "remote-node" && p.attrs.value);

/** Guest nodes: one per meta_attributes set with a non-empty remote-node; the address is remote-addr, else the name. */
export function guestNodes(resources: XmlElement): PacemakerNode[] {
  const nodes: PacemakerNode[] = [];
  for (const primitive of primitives(resources)) {
    for (const set of childElements(primitive, "meta_attributes").filter(namesGuest)) {
      const pairs = childElements(set, "nvpair");
      const value = (name: string) => pairs.filter((p) => p.attrs.name === name).map((p) => p.attrs.value ?? "");
      const name = value("remote-node").pop() ?? "";
      nodes.push({ name, addr: value("remote-addr").pop() ?? name });
    }
  }
  return nodes;
}

/** Names and addresses of the remote and guest nodes a CIB defines. */
export function pacemakerNodes(resources: XmlElement): NodesInUse {
  const nodes = [...remoteNodes(resources), ...guestNodes(resources)];
  return { names: nodes.map((n) => n.name), addrs: nodes.map((n) => n.addr) };
}

export interface NodesInUse {
  names: string[];
  addrs: string[];
}

/** A guest node's name and address must be free: not an id, not a node's name or address. */
export function guestConflicts(ids: IdIndex, inUse: NodesInUse, node: string, options: Record<string, string>): ReportItem[] {
  const reports: ReportItem[] = [];
  const addr = options["remote-addr"];
  if (ids.has(node) || inUse.names.includes(node) || (addr === undefined && inUse.addrs.includes(node))) {
    reports.push(error("ID_ALREADY_EXISTS", { id: node }));
  }
  if (addr !== undefined && inUse.addrs.includes(addr)) reports.push(error("ID_ALREADY_EXISTS", { id: addr }));
  return reports;
}

/**
 * What `resource create` of a remote connection (its server, else its id) or of a guest node
 * (remote-node meta attribute) clashes with among the nodes of the CIB.
 */
export function createdNodeConflicts(
  cib: XmlElement,
  ids: IdIndex,
  resource: { id: string; isRemoteAgent: boolean; attrs: Record<string, string>; meta: Record<string, string> },
): ReportItem[] {
  const isGuest = "remote-node" in resource.meta;
  if (!resource.isRemoteAgent && !isGuest) return [];
  const inUse = pacemakerNodes(section(cib, "resources"));
  const reports: ReportItem[] = [];
  const host = resource.attrs.server ?? resource.id;
  if (resource.isRemoteAgent && inUse.addrs.includes(host)) reports.push(error("ID_ALREADY_EXISTS", { id: host }));
  if (isGuest) reports.push(...guestConflicts(ids, inUse, resource.meta["remote-node"], resource.meta));
  return reports;
}

/** Remote node primitives whose id or server is `identifier`. */
export function findRemoteResources(resources: XmlElement, identifier: string): XmlElement[] {
  return primitives(resources).filter(
    (p) => isRemoteAgentPrimitive(p) && (p.attrs.id === identifier || pairsOf(p, "instance_attributes", "server").some((s) => s.attrs.value === identifier)),
  );
}

/** Guest node primitives whose id, node name or address is `identifier`. */
export function findGuestResources(resources: XmlElement, identifier: string): XmlElement[] {
  return primitives(resources).filter((p) => {
    const sets = childElements(p, "meta_attributes").filter(namesGuest);
    if (p.attrs.id === identifier && sets.length) return true;
    return sets.some((set) =>
      childElements(set, "nvpair").some((n) => (n.attrs.name === "remote-addr" || n.attrs.name === "remote-node") && n.attrs.value === identifier),
    );
  });
}

/** The node name of a guest node primitive (its first remote-node meta attribute). */
export const guestNodeName = (primitive: XmlElement): string | undefined => pairsOf(primitive, "meta_attributes", "remote-node")[0]?.attrs.value;

export const isGuestNode = (primitive: XmlElement): boolean => pairsOf(primitive, "meta_attributes", "remote-node").length > 0;

export interface GuestSettings {
  node: string;
  addr?: string;
  port?: string;
  connectTimeout?: string;
}

/** Make a primitive a guest node: the settings go to its first meta_attributes (created first when missing). */
export function setAsGuest(primitive: XmlElement, ids: IdIndex, { node, addr, port, connectTimeout }: GuestSettings): void {
  const pairs: Record<string, string> = { "remote-node": node };
  if (addr) pairs["remote-addr"] = addr;
  if (port) pairs["remote-port"] = port;
  if (connectTimeout) pairs["remote-connect-timeout"] = connectTimeout;
  arrangeFirstNvset("meta_attributes", primitive, pairs, ids);
}

/**
 * A primitive stops being a guest node: its guest meta attributes go, the sets stay even when
 * empty (ACLs may allow changing nvpairs but not removing their set).
 */
export function unsetGuest(primitive: XmlElement): void {
  const names = new Set<string>([...GUEST_OPTIONS, "remote-node"]);
  for (const set of childElements(primitive, "meta_attributes")) {
    for (const pair of childElements(set, "nvpair")) if (names.has(pair.attrs.name ?? "")) detach(pair);
  }
}
