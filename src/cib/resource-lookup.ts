// Finding resources the way pcs's library does: by id among given element types, reporting
// "not found" or "wrong type" with pcs's messages, and expanding tags to their resources.
import { error, type ReportItem } from "../report/index.js";
import { findConfigElement } from "./group.js";
import { findSection } from "./document.js";
import { descendants, walk, type XmlElement } from "./xml.js";

export const RESOURCE_TYPES = ["bundle", "clone", "group", "master", "primitive"] as const;

function firstByTypes(cib: XmlElement, types: readonly string[], id: string): XmlElement | undefined {
  for (const type of types) {
    let found: XmlElement | undefined;
    walk(cib, (e) => {
      if (found) return false;
      if (e.name === type && e.attrs.id === id) found = e;
    });
    if (found) return found;
  }
  return undefined;
}

/** One element of the given types, or the report pcs's ElementSearcher gives. */
export function searchElement(cib: XmlElement, types: readonly string[], id: string): { element?: XmlElement; report?: ReportItem } {
  const element = firstByTypes(cib, types, id);
  if (element) return { element };
  const other = findConfigElement(cib, id);
  if (other) {
    return { report: error("ID_BELONGS_TO_UNEXPECTED_TYPE", { id, expectedTypes: [...types], currentType: other.name }) };
  }
  return { report: error("ID_NOT_FOUND", { id, expectedTypes: [...types].sort() }) };
}

/** Resources by ids (each must exist), in the given order. */
export function findResources(cib: XmlElement, ids: readonly string[], types: readonly string[] = RESOURCE_TYPES): { elements: XmlElement[]; reports: ReportItem[] } {
  const elements: XmlElement[] = [];
  const reports: ReportItem[] = [];
  for (const id of ids) {
    const { element, report } = searchElement(cib, types, id);
    if (element) elements.push(element);
    else reports.push(report!);
  }
  return { elements, reports };
}

/** Resources or tags by ids; tags are replaced by the resources they list. Unique, in order. */
export function findResourcesExpandTags(cib: XmlElement, ids: readonly string[]): { elements: XmlElement[]; reports: ReportItem[] } {
  const { elements, reports } = findResources(cib, ids, [...RESOURCE_TYPES, "tag"]);
  const result: XmlElement[] = [];
  const configuration = cib.children.find((c) => c.name === "configuration");
  for (const element of elements) {
    if (element.name !== "tag") {
      if (!result.includes(element)) result.push(element);
      continue;
    }
    for (const ref of element.children.filter((c) => c.name === "obj_ref")) {
      const found = configuration && firstByTypes(configuration, RESOURCE_TYPES, ref.attrs.id ?? "");
      if (found && !result.includes(found)) result.push(found);
    }
  }
  return { elements: result, reports };
}

/** Tags (ids, sorted) holding an obj_ref to any of these ids. */
export function tagsReferring(cib: XmlElement, ids: readonly string[]): string[] {
  const tags = findSection(cib, "tags");
  if (!tags) return [];
  const found = new Set<string>();
  for (const ref of descendants(tags, "obj_ref")) {
    if (ids.includes(ref.attrs.id ?? "") && ref.parent?.name === "tag") found.add(ref.parent.attrs.id ?? "");
  }
  return [...found].sort();
}
