// Tags in the CIB: create, update (add / remove / move references), remove, read.
import { findSection, section } from "../../cib/document.js";
import { IdIndex, validateId } from "../../cib/ids.js";
import { RESOURCE_TAGS } from "../../cib/resources.js";
import { childElements, createElement, detach, firstChild, insertAfter, insertBefore, type XmlElement } from "../../cib/xml.js";
import { searchElement, type Found } from "./search.js";
import { error, type ReportItem } from "../../report/index.js";

const RESOURCE_TYPES = "bundle/clone/group/resource";

export function findTyped(cib: XmlElement, id: string, tags: ReadonlySet<string>, types: string): Found {
  return searchElement(cib, firstChild(cib, "configuration"), tags, id, types);
}

const TAG_TAGS = new Set(["tag"]);
const findTag = (cib: XmlElement, id: string) => findTyped(cib, id, TAG_TAGS, "tag");

const duplicates = (ids: readonly string[]): string[] => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

function resourceReports(cib: XmlElement, ids: readonly string[]): ReportItem[] {
  return ids.flatMap((id) => findTyped(cib, id, RESOURCE_TAGS, RESOURCE_TYPES).report ?? []);
}

export function createTag(cib: XmlElement, tagId: string, idrefs: readonly string[]): ReportItem[] {
  const ids = new IdIndex(cib);
  const reports = [...validateId(tagId, "id"), ...ids.book(tagId)];
  if (!idrefs.length) reports.push(error("TAG_CANNOT_CREATE_EMPTY_TAG_NO_IDS_SPECIFIED", undefined));
  if (idrefs.includes(tagId)) reports.push(error("TAG_CANNOT_CONTAIN_ITSELF", undefined));
  reports.push(...resourceReports(cib, idrefs));
  const dup = duplicates(idrefs);
  if (dup.length) reports.push(error("TAG_ADD_REMOVE_IDS_DUPLICATION", { ids: dup, add: true }));
  if (reports.length) return reports;
  const tag = createElement("tag", { id: tagId }, section(cib, "tags"));
  for (const id of idrefs) createElement("obj_ref", { id }, tag);
  return [];
}

export interface TagUpdate {
  tagId: string;
  add: readonly string[];
  remove: readonly string[];
  adjacent?: string;
  after: boolean;
}

const objRef = (tag: XmlElement | undefined, id: string) => tag && childElements(tag, "obj_ref").find((r) => r.attrs.id === id);

export function updateTag(cib: XmlElement, u: TagUpdate): ReportItem[] {
  const { element: tag, report } = findTag(cib, u.tagId);
  const reports: ReportItem[] = report ? [report] : [];
  if (!u.add.length && !u.remove.length) reports.push(error("TAG_CANNOT_UPDATE_TAG_NO_IDS_SPECIFIED", undefined));
  if (!u.add.length && u.adjacent !== undefined) {
    reports.push(error("TAG_CANNOT_SPECIFY_ADJACENT_ID_WITHOUT_IDS_TO_ADD", { adjacentId: u.adjacent }));
  }
  const common = [...new Set(u.add.filter((id) => u.remove.includes(id)))];
  if (common.length) reports.push(error("TAG_CANNOT_ADD_AND_REMOVE_IDS_AT_THE_SAME_TIME", { ids: common }));

  const uniqueAdd = [...new Set(u.add)];
  const toAdd: XmlElement[] = [];
  if (u.add.length) {
    const dup = duplicates(u.add);
    if (dup.length) reports.push(error("TAG_ADD_REMOVE_IDS_DUPLICATION", { ids: dup, add: true }));
    reports.push(...resourceReports(cib, uniqueAdd));
  }
  if (tag && u.add.length) {
    const already: string[] = [];
    for (const id of uniqueAdd) {
      const existing = objRef(tag, id);
      if (existing) already.push(id);
      toAdd.push(existing ?? createElement("obj_ref", { id }));
    }
    if (u.adjacent === undefined && already.length) {
      reports.push(error("TAG_CANNOT_ADD_REFERENCE_IDS_ALREADY_IN_THE_TAG", { tagId: u.tagId, ids: already }));
    }
  }

  const toRemove: XmlElement[] = [];
  if (tag && u.remove.length) {
    const removeReports: ReportItem[] = [];
    const dup = duplicates(u.remove);
    if (dup.length) removeReports.push(error("TAG_ADD_REMOVE_IDS_DUPLICATION", { ids: dup, add: false }));
    const missing: string[] = [];
    for (const id of new Set(u.remove)) {
      const ref = objRef(tag, id);
      if (ref) toRemove.push(ref);
      else missing.push(id);
    }
    if (missing.length) removeReports.push(error("TAG_IDS_NOT_IN_THE_TAG", { tagId: u.tagId, ids: missing }));
    if (!removeReports.length && !u.add.length && childElements(tag, "obj_ref").every((r) => toRemove.includes(r))) {
      removeReports.push(error("TAG_CANNOT_REMOVE_REFERENCES_WITHOUT_REMOVING_TAG", { tagId: u.tagId }));
    }
    reports.push(...removeReports);
  }

  let adjacent: XmlElement | undefined;
  if (tag && u.adjacent !== undefined) {
    adjacent = objRef(tag, u.adjacent);
    if (!adjacent) {
      reports.push(error("TAG_ADJACENT_REFERENCE_ID_NOT_IN_THE_TAG", { adjacentId: u.adjacent, tagId: u.tagId }));
    } else {
      if (u.add.includes(u.adjacent)) reports.push(error("TAG_CANNOT_PUT_ID_NEXT_TO_ITSELF", { adjacentId: u.adjacent }));
      if (u.remove.includes(u.adjacent)) reports.push(error("TAG_CANNOT_REMOVE_ADJACENT_ID", { adjacentId: u.adjacent }));
    }
  }
  if (reports.length || !tag) return reports;

  if (adjacent) {
    let anchor = adjacent;
    for (const ref of toAdd) {
      if (u.after) {
        insertAfter(tag, ref, anchor);
        anchor = ref;
      } else insertBefore(tag, ref, adjacent);
    }
  } else for (const ref of toAdd) insertBefore(tag, ref, null);
  for (const ref of toRemove) detach(ref);
  if (!childElements(tag, "obj_ref").length) detach(tag);
  return [];
}

function constraintsReferencing(cib: XmlElement, tagId: string): XmlElement[] {
  const constraints = findSection(cib, "constraints");
  if (!constraints) return [];
  const hasSet = (c: XmlElement) => c.children.some((s) => s.name === "resource_set");
  const inSet = (c: XmlElement) =>
    c.children.some((s) => s.name === "resource_set" && s.children.some((r) => r.name === "resource_ref" && r.attrs.id === tagId));
  return constraints.children.filter(
    (c) =>
      inSet(c) ||
      !hasSet(c) &&
      ((c.name === "rsc_colocation" && (c.attrs.rsc === tagId || c.attrs["with-rsc"] === tagId)) ||
        (c.name === "rsc_location" && c.attrs.rsc === tagId) ||
        (c.name === "rsc_order" && (c.attrs.first === tagId || c.attrs.then === tagId)) ||
        (c.name === "rsc_ticket" && c.attrs.rsc === tagId)),
  );
}

export function removeTags(cib: XmlElement, tagIds: readonly string[]): ReportItem[] {
  const reports: ReportItem[] = [];
  if (!tagIds.length) reports.push(error("TAG_CANNOT_REMOVE_TAGS_NO_TAGS_SPECIFIED", undefined));
  for (const tagId of tagIds) {
    const users = constraintsReferencing(cib, tagId);
    if (users.length) {
      reports.push(
        error("TAG_CANNOT_REMOVE_TAG_REFERENCED_IN_CONSTRAINTS", { tagId, constraintIds: users.map((c) => c.attrs.id ?? "") }),
      );
    }
  }
  const found: XmlElement[] = [];
  for (const tagId of tagIds) {
    const { element, report } = findTag(cib, tagId);
    if (element) found.push(element);
    else reports.push(report!);
  }
  if (reports.length) return reports;
  for (const tag of found) detach(tag);
  return [];
}

export interface TagDto {
  tag_id: string;
  idref_list: string[];
}

const toDto = (tag: XmlElement): TagDto => ({
  tag_id: tag.attrs.id ?? "",
  idref_list: childElements(tag, "obj_ref").map((r) => r.attrs.id ?? ""),
});

/** The tags named in `filter` (all when empty), or the reports for those missing. */
export function tagList(cib: XmlElement, filter: readonly string[]): { tags: TagDto[]; reports: ReportItem[] } {
  if (!filter.length) {
    const tags = findSection(cib, "tags");
    return { tags: tags ? childElements(tags, "tag").map(toDto) : [], reports: [] };
  }
  const tags: TagDto[] = [];
  const reports: ReportItem[] = [];
  for (const id of filter) {
    const { element, report } = findTag(cib, id);
    if (element) tags.push(toDto(element));
    else reports.push(report!);
  }
  return { tags, reports };
}
