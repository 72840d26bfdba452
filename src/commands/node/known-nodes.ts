// The nodes Pacemaker knows from a CIB, as crm_mon lists them and crm_attribute maps names: the nodes
// section's nodes, plus the remote nodes of ocf:pacemaker:remote connections and the guest nodes of
// resources with a remote-node meta attribute, in Pacemaker's node order.
import { findSection } from "../../cib/document.js";
import { walk, type XmlElement } from "../../cib/xml.js";
import { naturalCompare } from "../../scheduler/unpack.js";

export interface PacemakerNode {
  id: string;
  uname: string;
  /** a Pacemaker Remote or guest node (its <node> element, when made, has type="remote") */
  remote: boolean;
}

function remoteNodeNames(cib: XmlElement): string[] {
  const names: string[] = [];
  const resources = findSection(cib, "resources");
  if (!resources) return names;
  walk(resources, (e) => {
    if (e.name === "primitive" && e.attrs.class === "ocf" && e.attrs.provider === "pacemaker" && e.attrs.type === "remote" && e.attrs.id) names.push(e.attrs.id);
    if (e.name === "nvpair" && e.attrs.name === "remote-node" && e.attrs.value && e.parent?.name === "meta_attributes" && e.parent.parent?.name === "primitive") {
      names.push(e.attrs.value);
    }
  });
  return names;
}

export function pacemakerNodes(cib: XmlElement): PacemakerNode[] {
  const byId = new Map<string, PacemakerNode>();
  for (const n of findSection(cib, "nodes")?.children ?? []) {
    if (n.name !== "node" || !n.attrs.id || !n.attrs.uname || byId.has(n.attrs.id)) continue;
    byId.set(n.attrs.id, { id: n.attrs.id, uname: n.attrs.uname, remote: n.attrs.type === "remote" });
  }
  for (const name of remoteNodeNames(cib)) if (!byId.has(name)) byId.set(name, { id: name, uname: name, remote: true });
  return [...byId.values()].sort((a, b) => naturalCompare(a.uname, b.uname));
}

export const findPacemakerNode = (cib: XmlElement, uname: string): PacemakerNode | undefined => pacemakerNodes(cib).find((n) => n.uname === uname);
