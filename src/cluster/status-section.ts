// Keep the CIB's status section truthful, in Pacemaker's format: a node_state per node,
// dc-uuid and have-quorum on <cib>. Pure: (cib, view) -> changed?
import { createElement, ensureChild, type XmlElement } from "../cib/xml.js";

export interface MembershipView {
  nodes: { name: string; nodeid: number }[];
  members: ReadonlySet<string>;
  dc?: { name: string; nodeid: number };
  quorate: boolean;
}

function setAttrs(e: XmlElement, attrs: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(attrs)) {
    if (e.attrs[k] !== v) {
      e.attrs[k] = v;
      changed = true;
    }
  }
  return changed;
}

export function applyMembership(cib: XmlElement, view: MembershipView): boolean {
  let changed = false;
  const wantedDc = view.dc ? String(view.dc.nodeid) : undefined;
  if (wantedDc !== undefined && cib.attrs["dc-uuid"] !== wantedDc) {
    cib.attrs["dc-uuid"] = wantedDc;
    changed = true;
  }
  const quorum = view.quorate ? "1" : "0";
  if (cib.attrs["have-quorum"] !== quorum) {
    cib.attrs["have-quorum"] = quorum;
    changed = true;
  }
  const status = ensureChild(cib, "status");
  for (const node of view.nodes) {
    const id = String(node.nodeid);
    let state = status.children.find((c) => c.name === "node_state" && c.attrs.id === id);
    if (!state) {
      state = createElement("node_state", { id, uname: node.name }, status);
      changed = true;
    }
    const online = view.members.has(node.name);
    changed =
      setAttrs(state, {
        uname: node.name,
        in_ccm: online ? "true" : "false",
        crmd: online ? "online" : "offline",
        "crm-debug-origin": online ? "do_state_transition" : "post_cache_update",
        join: online ? "member" : "down",
        expected: online ? "member" : "down",
      }) || changed;
  }
  return changed;
}
