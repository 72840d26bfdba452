// Pacemaker ids: validation with pcs's rules and messages, and pcs's id generation.
import { error, fail, type ReportItem } from "../report/index.js";
import type { XmlElement } from "./xml.js";
import { walk } from "./xml.js";
import { idElementName, untouchedText, type TextIds } from "./xml-lazy.js";

const FIRST_CHAR_INVALID = /[^a-zA-Z_]/;
const REST_CHAR_INVALID = /[^a-zA-Z0-9_.-]/;
const REST_CHARS_INVALID = /[^a-zA-Z0-9_.-]/g;

/** Reports for an invalid id (empty list when valid). `description` is e.g. "resource name". */
export function validateId(id: string, description = "id"): ReportItem[] {
  if (!id) return [error("INVALID_ID_IS_EMPTY", { description })];
  if (FIRST_CHAR_INVALID.test(id[0])) {
    return [error("INVALID_ID_BAD_CHAR", { id, description, char: id[0], isFirst: true })];
  }
  for (const char of id.slice(1)) {
    if (REST_CHAR_INVALID.test(char)) return [error("INVALID_ID_BAD_CHAR", { id, description, char, isFirst: false })];
  }
  return [];
}

// The schema's ID type as libxml2 checks it (XML 1.0 4th edition names, no ':'): pcs checks the ids
// users give with its narrower rules above, but ids it builds from other values unchecked must still
// be valid, or its CIB push fails ("Unable to update cib"). Outside ASCII and Latin-1 letters this
// refuses more than libxml2 would (its letter tables are long): never an id the schema refuses.
const SCHEMA_ID = /^[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF][A-Za-z0-9_.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]*$/;

/** Whether the CIB schema surely accepts a value as an id. */
export const isSchemaId = (id: string): boolean => SCHEMA_ID.test(id);

/** Fails as pcs does when its CIB push is refused: an id in the element (or below) the schema does not accept. */
export function refuseIdsOutsideSchema(element: XmlElement): void {
  if (!idsConformToSchema(element)) fail("CIB_UPDATE_SCHEMA_INVALID", {});
}

/** Whether every id in an element (and below) is one the schema accepts. */
export function idsConformToSchema(element: XmlElement): boolean {
  let valid = true;
  walk(element, (e) => {
    if (e.attrs.id !== undefined && !isSchemaId(e.attrs.id)) valid = false;
    return valid;
  });
  return valid;
}

/** Drop the characters an id cannot hold, as pcs does for generated ids. */
export function sanitizeId(candidate: string): string {
  if (!candidate) return candidate;
  const first = FIRST_CHAR_INVALID.test(candidate[0]) ? "" : candidate[0];
  return first + candidate.slice(1).replace(REST_CHARS_INVALID, "");
}

// Elements whose id attribute refers to another element rather than naming itself.
const REFERENCE_ELEMENTS = new Set(["acl_target", "role", "obj_ref", "resource_ref"]);

/**
 * The ids in use in the configuration (the status section is ignored, as pcs does: it may
 * hold records of deleted resources). A remote-node meta attribute counts as an id too.
 */
export class IdIndex {
  private readonly ids = new Set<string>();
  private readonly booked = new Set<string>();
  /** Ids recorded in sections kept as text: searched when asked, not copied into the set. */
  private readonly keptIds: TextIds[] = [];
  /** Ids of elements taken out since: no longer in use, wherever they were recorded. */
  private readonly removed = new Set<string>();

  constructor(cib: XmlElement) {
    const visit = (e: XmlElement): boolean => {
      const id = e.attrs.id;
      if (id !== undefined && !REFERENCE_ELEMENTS.has(e.name)) this.ids.add(id);
      if (e.name === "nvpair" && e.attrs.name === "remote-node" && e.parent?.name === "meta_attributes" && e.parent.parent?.name === "primitive") {
        this.ids.add(e.attrs.value);
      }
      const kept = untouchedText(e);
      // a remote-node meta attribute needs the elements around it, so such text is parsed
      if (!kept?.ids || kept.raw.includes("remote-node")) return true;
      this.keptIds.push(kept.ids);
      for (const child of kept.appended) walk(child, visit);
      return false;
    };
    for (const section of cib.children) if (section.name !== "status") walk(section, visit);
  }

  has(id: string): boolean {
    return this.ids.has(id) || this.booked.has(id) || (!this.removed.has(id) && this.keptIds.some((kept) => {
      for (let i = kept.ids.indexOf(id); i >= 0; i = kept.ids.indexOf(id, i + 1)) if (!REFERENCE_ELEMENTS.has(idElementName(kept, i))) return true;
      return false;
    }));
  }

  /** The ids of `element` and what is in it are free again (it was taken out of the CIB). */
  release(element: XmlElement): void {
    walk(element, (e) => {
      const id = e.attrs.id;
      if (id !== undefined && !REFERENCE_ELEMENTS.has(e.name)) {
        this.ids.delete(id);
        this.booked.delete(id);
        this.removed.add(id);
      }
    });
  }

  /** Record an id as used (after adding an element with it). */
  use(id: string): void {
    this.removed.delete(id);
    this.ids.add(id);
  }

  /** `proposed`, or `proposed-1`, `proposed-2`, ... : the first one not in use; it is booked. */
  allocate(proposed: string): string {
    let candidate = proposed;
    for (let counter = 1; this.has(candidate); counter++) candidate = `${proposed}-${counter}`;
    this.booked.add(candidate);
    this.removed.delete(candidate);
    return candidate;
  }

  /** An id for a child of `parent`: `<parent id>-<suffix>`, sanitized and made unique. */
  subelementId(parent: XmlElement, suffix: string): string {
    return this.allocate(sanitizeId(`${parent.attrs.id ?? parent.name}-${suffix}`));
  }

  /** Check that user-given ids are unused, and book them. */
  book(...ids: string[]): ReportItem[] {
    const reports: ReportItem[] = [];
    const reported = new Set<string>();
    for (const id of ids) {
      if (reported.has(id)) continue;
      if (this.has(id)) {
        reports.push(error("ID_ALREADY_EXISTS", { id }));
        reported.add(id);
        continue;
      }
      this.booked.add(id);
    }
    return reports;
  }
}
