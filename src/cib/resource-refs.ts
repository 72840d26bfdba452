// Removing what refers to a resource that goes away: constraints (whole constraints naming it,
// or its place in constraint sets), tag members, fencing levels and ACL permissions, the way
// pcs's resource delete does, with the messages it prints.
import { info, type ReportItem } from "../report/index.js";
import { findSection } from "./document.js";
import { descendants, detach, type XmlElement } from "./xml.js";

const CONSTRAINT_TAGS = ["rsc_colocation", "rsc_location", "rsc_order", "rsc_ticket"];
const CONSTRAINT_ATTRS = ["rsc", "first", "then", "with-rsc"];

/** Ids of the plain constraints naming `id` (and, for a cloned primitive, those naming its clone first). */
export function constraintsNaming(cib: XmlElement, id: string): string[] {
  const found: string[] = [];
  const primitive = descendants(cib, "primitive").find((p) => p.attrs.id === id);
  if (primitive?.parent && (primitive.parent.name === "clone" || primitive.parent.name === "master")) {
    found.push(...constraintsNaming(cib, primitive.parent.attrs.id ?? ""));
  }
  const constraints = findSection(cib, "constraints");
  if (!constraints) return found;
  for (const tag of CONSTRAINT_TAGS) {
    for (const c of descendants(constraints, tag)) {
      if (CONSTRAINT_ATTRS.some((a) => c.attrs[a] === id)) found.push(c.attrs.id ?? "");
    }
  }
  return found;
}

function removeConstraintById(constraints: XmlElement, id: string): void {
  const direct = constraints.children.filter((c) => c.attrs.id === id);
  if (direct.length) {
    direct.forEach(detach);
    return;
  }
  for (const rule of descendants(constraints, "rule")) {
    if (rule.attrs.id !== id) continue;
    const parent = rule.parent!;
    detach(rule);
    if (!descendants(parent, "rule").length) detach(parent);
  }
}

/** Remove constraints naming `id` and take it out of constraint sets; returns the messages pcs prints. */
export function removeConstraintsContaining(cib: XmlElement, id: string, verbose = true): ReportItem[] {
  const messages: ReportItem[] = [];
  const constraints = findSection(cib, "constraints");
  if (!constraints) return messages;
  for (const constraintId of constraintsNaming(cib, id)) {
    if (verbose) messages.push(info("RESOURCE_REFERENCE_REMOVED", { text: `Removing Constraint - ${constraintId}` }));
    removeConstraintById(constraints, constraintId);
  }
  for (const ref of descendants(constraints, "resource_ref")) {
    if (ref.attrs.id !== id) continue;
    const set = ref.parent!;
    detach(ref);
    if (verbose) messages.push(info("RESOURCE_REFERENCE_REMOVED", { text: `Removing ${id} from set ${set.attrs.id}` }));
    if (!descendants(set, "resource_ref").length) {
      messages.push(info("RESOURCE_REFERENCE_REMOVED", { text: `Removing set ${set.attrs.id}` }));
      const constraint = set.parent!;
      detach(set);
      if (!descendants(constraint, "resource_set").length) {
        detach(constraint);
        messages.push(info("RESOURCE_REFERENCE_REMOVED", { text: `Removing constraint ${constraint.attrs.id}` }));
      }
    }
  }
  return messages;
}

/** Take a device out of fencing levels; a level left without devices goes, then an empty topology. */
export function removeFromFencingLevels(cib: XmlElement, deviceId: string): void {
  const topology = findSection(cib, "fencing-topology");
  if (!topology) return;
  for (const level of descendants(topology, "fencing-level")) {
    const devices = (level.attrs.devices ?? "").split(",");
    if (!devices.includes(deviceId)) continue;
    const rest = devices.filter((d) => d !== deviceId);
    if (rest.length) level.attrs.devices = rest.join(",");
    else detach(level);
  }
  if (!descendants(topology, "fencing-level").length) detach(topology);
}

/** Remove every reference to `id`: tag members (and tags left empty, recursively), constraints, levels, ACLs. */
export function removeResourceReferences(cib: XmlElement, id: string, verbose = false): ReportItem[] {
  const messages: ReportItem[] = [];
  for (const ref of descendants(cib, "obj_ref")) {
    if (ref.attrs.id !== id || !ref.parent) continue;
    const tag = ref.parent;
    detach(ref);
    if (!descendants(tag, "obj_ref").length) {
      messages.push(...removeResourceReferences(cib, tag.attrs.id ?? "", verbose));
      detach(tag);
    }
  }
  messages.push(...removeConstraintsContaining(cib, id, verbose));
  removeFromFencingLevels(cib, id);
  for (const permission of descendants(cib, "acl_permission")) {
    if (permission.attrs.reference === id) detach(permission);
  }
  return messages;
}
