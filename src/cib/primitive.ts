// Building a primitive resource as pcs does: <primitive id class provider type> holding
// instance_attributes, meta_attributes and operations, with pcs's ids and order.
import type { IdIndex } from "./ids.js";
import { arrangeFirstNvset, type NvPairs } from "./nvset.js";
import { createOperations, type OperationInput } from "./operations.js";
import { createElement, type XmlElement } from "./xml.js";

export interface PrimitiveSpec {
  id: string;
  standard: string;
  provider?: string;
  type: string;
  instanceAttributes?: NvPairs;
  metaAttributes?: NvPairs;
  /** Complete operations (interval set, roles spelled for the schema). */
  operations?: readonly OperationInput[];
}

/** Append a new primitive to `parent` (the resources section, a group, a clone...). */
export function appendPrimitive(parent: XmlElement, ids: IdIndex, spec: PrimitiveSpec): XmlElement {
  const attrs: Record<string, string> = { id: spec.id, class: spec.standard, type: spec.type };
  if (spec.provider) attrs.provider = spec.provider;
  ids.use(spec.id);
  const primitive = createElement("primitive", attrs, parent);
  if (spec.instanceAttributes && Object.keys(spec.instanceAttributes).length) {
    appendNvsetKeepingEmpty("instance_attributes", primitive, spec.instanceAttributes, ids);
  }
  if (spec.metaAttributes && Object.keys(spec.metaAttributes).length) {
    appendNvsetKeepingEmpty("meta_attributes", primitive, spec.metaAttributes, ids);
  }
  createOperations(primitive, ids, spec.operations ?? []);
  return primitive;
}

/** Disable a resource: meta attribute target-role=Stopped in its first meta_attributes. */
export function disableResource(resource: XmlElement, ids: IdIndex): void {
  arrangeFirstNvset("meta_attributes", resource, { "target-role": "Stopped" }, ids);
}

/** A new set with every pair in name order, empty values included (pcs does so when creating). */
export function appendNvsetKeepingEmpty(tag: string, parent: XmlElement, pairs: NvPairs, ids: IdIndex): XmlElement {
  const set = createElement(tag, { id: ids.subelementId(parent, tag) }, parent);
  for (const name of Object.keys(pairs).sort()) {
    createElement("nvpair", { id: ids.subelementId(set, name), name, value: pairs[name] }, set);
  }
  return set;
}
