// The CIB document: the empty CIB pcs creates, sections, versions, and lookup by id.
import { fail } from "../report/index.js";
import { createElement, ensureChild, firstChild, walk, type XmlElement } from "./xml.js";
import { untouchedText } from "./xml-lazy.js";

/** The CIB pcs writes when `-f FILE` does not exist yet (pcs 0.11.5: schema pacemaker-3.1). */
export function emptyCib(): XmlElement {
  const cib = createElement("cib", { admin_epoch: "0", epoch: "1", num_updates: "1", "validate-with": "pacemaker-3.1" });
  const configuration = createElement("configuration", {}, cib);
  for (const name of ["crm_config", "nodes", "resources", "constraints"]) createElement(name, {}, configuration);
  createElement("status", {}, cib);
  return cib;
}

/**
 * How a CIB file is read (see xml-lazy.ts): the status section and each configuration section stay
 * text until a command reads them; the ids in the configuration are recorded meanwhile.
 */
export const cibSectionsAsText = (e: XmlElement, depth: number): { ids: boolean } | false =>
  depth === 2 ? e.name === "status" && { ids: false } : depth === 3 && e.parent?.name === "configuration" && { ids: true };

export const SECTIONS = ["crm_config", "nodes", "resources", "constraints", "op_defaults", "rsc_defaults", "alerts", "acls", "fencing-topology", "tags"] as const;
export type SectionName = (typeof SECTIONS)[number];

export function configuration(cib: XmlElement): XmlElement {
  const element = firstChild(cib, "configuration");
  if (!element) fail("CIB_SECTION_MISSING", { section: "configuration" });
  return element;
}

/** A configuration section; the mandatory ones must exist, optional ones are created on demand. */
export function section(cib: XmlElement, name: SectionName): XmlElement {
  const config = configuration(cib);
  const mandatory = name === "crm_config" || name === "nodes" || name === "resources" || name === "constraints";
  const element = firstChild(config, name);
  if (element) return element;
  if (mandatory) fail("CIB_SECTION_MISSING", { section: `configuration/${name}` });
  return ensureChild(config, name);
}

/** A section if it exists, without creating it. */
export const findSection = (cib: XmlElement, name: SectionName): XmlElement | undefined => {
  const config = firstChild(cib, "configuration");
  return config && firstChild(config, name);
};

export const statusSection = (cib: XmlElement): XmlElement => ensureChild(cib, "status");

export interface CibVersion {
  adminEpoch: number;
  epoch: number;
  numUpdates: number;
}

export const cibVersion = (cib: XmlElement): CibVersion => ({
  adminEpoch: Number(cib.attrs.admin_epoch ?? 0),
  epoch: Number(cib.attrs.epoch ?? 0),
  numUpdates: Number(cib.attrs.num_updates ?? 0),
});

export const compareVersions = (a: CibVersion, b: CibVersion): number =>
  a.adminEpoch - b.adminEpoch || a.epoch - b.epoch || a.numUpdates - b.numUpdates;

/** A configuration change: epoch + 1, num_updates back to 0 (what the CIB manager does). */
export function bumpEpoch(cib: XmlElement): void {
  cib.attrs.epoch = String(Number(cib.attrs.epoch ?? 0) + 1);
  cib.attrs.num_updates = "0";
}

/** The configuration element with the given id (status is not searched), or undefined. */
export function findById(cib: XmlElement, id: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const part of cib.children) {
    if (part.name === "status") continue;
    walk(part, (e) => {
      if (found) return false;
      if (e.attrs.id === id && e.name !== "resource_ref" && e.name !== "obj_ref" && e.name !== "role" && e.name !== "acl_target") found = e;
      // a section still kept as text is only parsed when its recorded ids hold this one
      const kept = untouchedText(e);
      if (kept?.ids && !kept.appended.length && !kept.ids.ids.includes(id)) return false;
    });
    if (found) break;
  }
  return found;
}
