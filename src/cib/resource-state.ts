// Enable/disable (target-role) and manage/unmanage (is-managed) with pcs's choice of which
// elements of a resource tree to touch, and the resources a delete takes along.
import type { IdIndex } from "./ids.js";
import { arrangeFirstNvset } from "./nvset.js";
import { cloneInner } from "./clone.js";
import { groupMembers, wrapperParent } from "./group.js";
import { isClone } from "./resources.js";
import { walk, type XmlElement } from "./xml.js";

const bundleInner = (bundle: XmlElement) => bundle.children.find((c) => c.name === "primitive");

/** Direct inner resources (a clone's or bundle's one resource, a group's primitives). */
export function innerOf(resource: XmlElement): XmlElement[] {
  if (resource.name === "bundle") return bundleInner(resource) ? [bundleInner(resource)!] : [];
  if (isClone(resource)) return cloneInner(resource) ? [cloneInner(resource)!] : [];
  if (resource.name === "group") return groupMembers(resource);
  return [];
}

/** All inner resources, depth first. */
export const allInner = (resource: XmlElement): XmlElement[] => innerOf(resource).flatMap((r) => [r, ...allInner(r)]);

/** Primitives of a resource (pcs's find_primitives). */
export function primitivesOf(resource: XmlElement): XmlElement[] {
  if (resource.name === "bundle") return bundleInner(resource) ? [bundleInner(resource)!] : [];
  const inner = isClone(resource) ? cloneInner(resource) : resource;
  if (!inner) return [];
  if (inner.name === "group") return groupMembers(inner);
  return inner.name === "primitive" ? [inner] : [];
}

/** What must be enabled for the resource to run: itself, its clone/bundle wrapper or inner resource. */
export function resourcesToEnable(resource: XmlElement): XmlElement[] {
  if (resource.name === "bundle" || isClone(resource)) return [resource, ...innerOf(resource)];
  const parent = resource.parent;
  if (parent && (isClone(parent) || parent.name === "bundle")) return [resource, parent];
  return [resource];
}

export const enableResource = (resource: XmlElement, ids: IdIndex): void =>
  arrangeFirstNvset("meta_attributes", resource, { "target-role": "" }, ids);
export const disableResource = (resource: XmlElement, ids: IdIndex): void =>
  arrangeFirstNvset("meta_attributes", resource, { "target-role": "Stopped" }, ids);
export const manageResource = (resource: XmlElement, ids: IdIndex): void =>
  arrangeFirstNvset("meta_attributes", resource, { "is-managed": "" }, ids);
export const unmanageResource = (resource: XmlElement, ids: IdIndex): void =>
  arrangeFirstNvset("meta_attributes", resource, { "is-managed": "false" }, ids);

/**
 * What to set managed so that the resource really is: itself, the clone / group / bundle
 * holding it (or its group), and its inner group and primitives.
 */
export function resourcesToManage(resource: XmlElement): XmlElement[] {
  const id = resource.attrs.id;
  const result = [resource];
  const resources = topSection(resource);
  if (resources) {
    for (const top of resources.children) {
      if (isClone(top)) {
        const inner = cloneInner(top);
        if (inner && (inner.attrs.id === id || (inner.name === "group" && groupMembers(inner).some((p) => p.attrs.id === id)))) {
          result.push(top);
        }
      }
    }
    walk(resources, (e) => {
      if (e.name === "group" && groupMembers(e).some((p) => p.attrs.id === id)) result.push(e);
    });
    for (const top of resources.children) {
      if (top.name === "bundle" && bundleInner(top)?.attrs.id === id) result.push(top);
    }
  }
  for (const child of resource.children) {
    if (child.name === "group" || child.name === "primitive") result.push(child);
    if (child.name === "group") result.push(...groupMembers(child));
  }
  return result;
}

function topSection(e: XmlElement): XmlElement | undefined {
  for (let p: XmlElement | null = e; p; p = p.parent) if (p.name === "resources") return p;
  return undefined;
}

/** What to unmanage: the primitives (a bundle itself too), never a group or clone wrapper. */
export function resourcesToUnmanage(resource: XmlElement): XmlElement[] {
  if (resource.name === "bundle") return [resource, ...innerOf(resource)];
  const inner = isClone(resource) ? cloneInner(resource) : resource;
  if (!inner) return [];
  if (inner.name === "group") return groupMembers(inner);
  return inner.name === "primitive" ? [inner] : [];
}

/** The resources a delete of `resource` removes: wrappers left empty and everything inside. */
export function resourcesToDelete(resource: XmlElement): XmlElement[] {
  let result = [resource];
  const inner = innerOf(resource);
  if (inner.length) {
    result.push(...inner);
    if (inner[0].name === "group") result.push(...innerOf(inner[0]));
  }
  const parent = wrapperParent(resource);
  if (!parent || parent.name === "bundle") return result;
  if (isClone(parent)) result.unshift(parent);
  if (parent.name === "group") {
    const members = groupMembers(parent);
    if (members.length <= 1) {
      result = [parent, ...members];
      const clone = wrapperParent(parent);
      if (clone) result.unshift(clone);
    }
  }
  return result;
}

/** Monitor operations of a primitive. */
export const monitorOps = (primitive: XmlElement): XmlElement[] =>
  primitive.children.filter((c) => c.name === "operations").flatMap((ops) => ops.children.filter((op) => op.name === "op" && op.attrs.name === "monitor"));
