// Clones and promotable clones: wrapping a primitive or a group, ids, and unwrapping.
// Pacemaker 2 writes a promotable clone as <clone> with meta attribute promotable=true;
// <master> (Pacemaker 1) is still read everywhere.
import { section } from "./document.js";
import { validateId, type IdIndex } from "./ids.js";
import { appendNewNvset, type NvPairs } from "./nvset.js";
import { isClone, isResource, isTrue } from "./resources.js";
import { appendChild, createElement, detach, insertBefore, type XmlElement } from "./xml.js";
import { legacyUpdateMeta } from "./meta.js";
import type { ReportItem } from "../report/index.js";

/** The primitive or group inside a clone. */
export function cloneInner(clone: XmlElement): XmlElement | undefined {
  return clone.children.find((c) => c.name === "primitive" || c.name === "group");
}

/** The clone holding a primitive (directly or through its group) or a group. */
export function parentClone(resource: XmlElement): XmlElement | undefined {
  let element = resource;
  for (let i = 0; i < 2; i++) {
    const parent = element.parent;
    if (!parent) return undefined;
    if (isClone(parent)) return parent;
    element = parent;
  }
  return undefined;
}

/** The id pcs proposes for a new clone of `inner`: `<inner id>-clone`, made unique. */
export const defaultCloneId = (inner: XmlElement, ids: IdIndex): string => ids.allocate(`${inner.attrs.id}-clone`);

/** Reports for a user-given clone id: valid and unused (it is booked). */
export function validateCloneId(cloneId: string, ids: IdIndex): ReportItem[] {
  const invalid = validateId(cloneId);
  return invalid.length ? invalid : ids.book(cloneId);
}

export interface NewCloneOptions {
  /** Clone meta attributes (e.g. {promotable: "true"}); written sorted by name, empty values skipped. */
  meta?: NvPairs;
  /** A user-given (already validated) id; default `<inner id>-clone`. */
  cloneId?: string;
  /** Where the clone goes in `resources`: before this element; default: appended. */
  before?: XmlElement | null;
}

/**
 * Wrap `inner` (a primitive or group, anywhere or detached) into a new clone appended to the
 * resources section, as pcs's library does for `resource create ... clone|promotable`:
 * `<clone id><inner/><meta_attributes id="<clone id>-meta_attributes">...</meta_attributes></clone>`.
 */
export function appendNewClone(resources: XmlElement, ids: IdIndex, inner: XmlElement, options: NewCloneOptions = {}): XmlElement {
  const id = options.cloneId ?? defaultCloneId(inner, ids);
  ids.use(id);
  const clone = createElement("clone", { id });
  insertBefore(resources, clone, options.before ?? null);
  appendChild(clone, inner);
  if (options.meta && Object.keys(options.meta).length) appendNewNvset("meta_attributes", clone, options.meta, ids);
  return clone;
}

/** Same as appendNewClone, finding the resources section of `cib`. */
export const cloneResource = (cib: XmlElement, ids: IdIndex, inner: XmlElement, options: NewCloneOptions = {}): XmlElement =>
  appendNewClone(section(cib, "resources"), ids, inner, options);

/** Meta attributes that make a clone promotable. */
export const PROMOTABLE_META: NvPairs = { promotable: "true" };

/** Whether clone meta options ask for a promotable clone. */
export const metaIsPromotable = (meta: NvPairs): boolean => isTrue(meta.promotable ?? "false");

/**
 * Remove the clone around its inner resource, which pcs appends at the end of the clone's
 * parent (the resources section). Returns the inner resource.
 */
export function unwrapClone(clone: XmlElement): XmlElement | undefined {
  const inner = cloneInner(clone);
  const parent = clone.parent;
  if (!inner || !parent) return inner;
  appendChild(parent, inner);
  detach(clone);
  return inner;
}

/** The resources directly inside a clone, group or bundle (its inner resource elements). */
export const innerResources = (e: XmlElement): XmlElement[] => e.children.filter(isResource);

/** A <master> becomes a <clone> with promotable=true (pcs does this before editing its meta). */
export function masterToClone(master: XmlElement): XmlElement {
  const clone = createElement("clone", { id: master.attrs.id ?? "" });
  insertBefore(master.parent!, clone, master);
  for (const child of [...master.children]) {
    detach(child);
    clone.children.push(child);
    child.parent = clone;
  }
  detach(master);
  legacyUpdateMeta(clone, [["promotable", "true"]]);
  return clone;
}
