// The resources section: kinds of resource elements and lookups by id.
import { section } from "./document.js";
import { walk, type XmlElement } from "./xml.js";

export const PRIMITIVE = "primitive";
export const GROUP = "group";
export const CLONE = "clone";
export const MASTER = "master"; // Pacemaker 1 promotable clone, still read
export const BUNDLE = "bundle";
export const RESOURCE_TAGS = new Set([PRIMITIVE, GROUP, CLONE, MASTER, BUNDLE]);

export const isResource = (e: XmlElement): boolean => RESOURCE_TAGS.has(e.name);
export const isClone = (e: XmlElement): boolean => e.name === CLONE || e.name === MASTER;
export const isStonith = (e: XmlElement): boolean => e.name === PRIMITIVE && e.attrs.class === "stonith";

/** A promotable clone: <master>, or <clone> with meta attribute promotable=true. */
export function isPromotable(e: XmlElement): boolean {
  if (e.name === MASTER) return true;
  if (e.name !== CLONE) return false;
  return e.children.some(
    (set) =>
      set.name === "meta_attributes" &&
      set.children.some((p) => p.name === "nvpair" && p.attrs.name === "promotable" && isTrue(p.attrs.value)),
  );
}

/** Pacemaker's crm_is_true. */
export const isTrue = (value: string | undefined): boolean =>
  value !== undefined && ["true", "on", "yes", "y", "1"].includes(value.toLowerCase());

/** Every resource element (primitives, groups, clones, bundles) in document order. */
export function allResources(cib: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  walk(section(cib, "resources"), (e) => {
    if (isResource(e)) found.push(e);
  });
  return found;
}

/** The resource element (of the given kinds) with this id. */
export function findResource(cib: XmlElement, id: string, kinds: readonly string[] = [...RESOURCE_TAGS]): XmlElement | undefined {
  let found: XmlElement | undefined;
  walk(section(cib, "resources"), (e) => {
    if (found) return false;
    if (e.attrs.id === id && kinds.includes(e.name)) found = e;
  });
  return found;
}

/** The primitives inside a resource (itself, when it is one). */
export function innerPrimitives(e: XmlElement): XmlElement[] {
  if (e.name === PRIMITIVE) return [e];
  return e.children.filter(isResource).flatMap(innerPrimitives);
}

/** The clone, group or bundle directly holding a resource, if any. */
export function resourceParent(e: XmlElement): XmlElement | undefined {
  const p = e.parent;
  return p && isResource(p) ? p : undefined;
}

/** The outermost resource containing `e` (itself when top-level). */
export function topResource(e: XmlElement): XmlElement {
  let current = e;
  for (let p = resourceParent(current); p; p = resourceParent(current)) current = p;
  return current;
}
