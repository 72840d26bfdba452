// Keep the CIB's status section truthful, in Pacemaker's format: a node_state per node,
// dc-uuid and have-quorum on <cib>. Pure: (cib, view) -> changed?
import { createElement, ensureChild, type XmlElement } from "../../cib/xml.js";

export interface MembershipView {
  nodes: { name: string; nodeid: number }[];
  members: ReadonlySet<string>;
  dc?: { name: string; nodeid: number };
  quorate: boolean;
  /** Non-members that left cleanly: expected down. Any other member that disappears stays expected
   * as a member, which makes it unclean to the scheduler until it is fenced. */
  left: ReadonlySet<string>;
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
    const expected = online ? "member" : view.left.has(node.name) || state.attrs.expected !== "member" ? "down" : "member";
    changed =
      setAttrs(state, {
        uname: node.name,
        in_ccm: online ? "true" : "false",
        crmd: online ? "online" : "offline",
        "crm-debug-origin": online ? "do_state_transition" : "post_cache_update",
        join: online ? "member" : "down",
        expected,
      }) || changed;
  }
  return changed;
}

/** A node the fencer shot (or an admin confirmed down): cleanly down, and whatever it ran or had as
 * transient attributes is gone with it (Pacemaker's send_stonith_update). */
export function markFenced(cib: XmlElement, node: { name: string; nodeid: number }): boolean {
  const state = nodeState(cib, node);
  const before = serializeState(state);
  setAttrs(state, { uname: node.name, in_ccm: "false", crmd: "offline", "crm-debug-origin": "send_stonith_update", join: "down", expected: "down" });
  state.children = state.children.filter((c) => c.name !== "lrm" && c.name !== "transient_attributes");
  return serializeState(state) !== before;
}

const serializeState = (state: XmlElement) => JSON.stringify([state.attrs, state.children.map((c) => c.name)]);

export function nodeState(cib: XmlElement, node: { name: string; nodeid: number }): XmlElement {
  const status = ensureChild(cib, "status");
  const id = String(node.nodeid);
  return status.children.find((c) => c.name === "node_state" && c.attrs.id === id) ?? createElement("node_state", { id, uname: node.name }, status);
}

function replaceChild(parent: XmlElement, name: string, match: (e: XmlElement) => boolean, replacement: XmlElement | undefined): void {
  const at = parent.children.findIndex((c) => c.name === name && match(c));
  if (at >= 0) {
    parent.children[at].parent = null;
    if (replacement) parent.children[at] = replacement;
    else parent.children.splice(at, 1);
  } else if (replacement) parent.children.push(replacement);
  if (replacement) replacement.parent = parent;
}

/** The node's whole operation history, as its controller reports it (join, DC takeover). */
/**
 * A node's whole history, as the node gave it. `keep` names resources whose records here are newer
 * than that account (results that arrived after it was asked for): those stay as recorded.
 */
export function replaceNodeLrm(cib: XmlElement, node: { name: string; nodeid: number }, lrm: XmlElement | undefined, keep: ReadonlySet<string> = new Set()): void {
  const state = nodeState(cib, node);
  const newer = keep.size ? lrmResourcesOf(state).filter((r) => keep.has(r.attrs.id ?? "")) : [];
  if (lrm) lrm.attrs.id = String(node.nodeid);
  replaceChild(state, "lrm", () => true, lrm);
  for (const lr of newer) replaceLrmResource(cib, node, lr);
}

const lrmResourcesOf = (state: XmlElement): XmlElement[] =>
  state.children.find((c) => c.name === "lrm")?.children.find((c) => c.name === "lrm_resources")?.children.filter((c) => c.name === "lrm_resource") ?? [];

/** One resource's history on the node, after an operation. */
export function replaceLrmResource(cib: XmlElement, node: { name: string; nodeid: number }, lr: XmlElement): void {
  const state = nodeState(cib, node);
  const lrm = ensureChild(state, "lrm");
  lrm.attrs.id ??= String(node.nodeid);
  const resources = ensureChild(lrm, "lrm_resources");
  replaceChild(resources, "lrm_resource", (e) => e.attrs.id === lr.attrs.id, lr);
}

const attrIdPart = (name: string) => name.replace(/#/g, ".").replace(/[^A-Za-z0-9_.-]/g, "_");

function transientSet(state: XmlElement): XmlElement {
  const transient = ensureChild(state, "transient_attributes");
  transient.attrs.id ??= state.attrs.id;
  const id = `status-${state.attrs.id}`;
  return transient.children.find((c) => c.name === "instance_attributes") ?? createElement("instance_attributes", { id }, transient);
}

function transientPairs(cib: XmlElement, node: { name: string; nodeid: number }): XmlElement[] {
  const state = nodeState(cib, node);
  return state.children
    .filter((c) => c.name === "transient_attributes")
    .flatMap((t) => t.children.filter((c) => c.name === "instance_attributes"))
    .flatMap((set) => set.children.filter((nv) => nv.name === "nvpair"));
}

export function transientAttribute(cib: XmlElement, node: { name: string; nodeid: number }, name: string): string | undefined {
  return transientPairs(cib, node).find((nv) => nv.attrs.name === name)?.attrs.value;
}

/** The names of the node's transient attributes that start with `prefix` (fail-count-<rsc>#...). */
export function transientAttributeNames(cib: XmlElement, node: { name: string; nodeid: number }, prefix: string): string[] {
  return transientPairs(cib, node).map((nv) => nv.attrs.name ?? "").filter((n) => n.startsWith(prefix));
}

/** Set (or, with value undefined, delete) a transient node attribute; returns whether it changed. */
export function setTransientAttribute(cib: XmlElement, node: { name: string; nodeid: number }, name: string, value: string | undefined): boolean {
  const state = nodeState(cib, node);
  if (value === undefined) {
    let changed = false;
    for (const t of state.children.filter((c) => c.name === "transient_attributes"))
      for (const set of t.children.filter((c) => c.name === "instance_attributes")) {
        const before = set.children.length;
        set.children = set.children.filter((nv) => !(nv.name === "nvpair" && nv.attrs.name === name));
        changed ||= set.children.length !== before;
      }
    return changed;
  }
  const set = transientSet(state);
  const existing = set.children.find((nv) => nv.name === "nvpair" && nv.attrs.name === name);
  if (existing) return setAttrs(existing, { value });
  createElement("nvpair", { id: `${set.attrs.id}-${attrIdPart(name)}`, name, value }, set);
  return true;
}

/** A failed operation: its fail count goes up (INFINITY when the failure is fatal), last-failure is now. */
export function countFailure(cib: XmlElement, node: { name: string; nodeid: number }, key: string, now: number, fatal: boolean): void {
  const current = transientAttribute(cib, node, `fail-count-${key}`);
  const next = fatal || current === "INFINITY" ? "INFINITY" : String(Math.min(1000000, (Number(current ?? "0") || 0) + 1));
  setTransientAttribute(cib, node, `fail-count-${key}`, next === "1000000" ? "INFINITY" : next);
  setTransientAttribute(cib, node, `last-failure-${key}`, String(Math.floor(now / 1000)));
}

/** A node that left takes its transient attributes with it (they live for one boot of the node). */
export function eraseTransientAttributes(cib: XmlElement, node: { name: string; nodeid: number }): boolean {
  const state = nodeState(cib, node);
  const before = state.children.length;
  state.children = state.children.filter((c) => c.name !== "transient_attributes");
  return state.children.length !== before;
}
