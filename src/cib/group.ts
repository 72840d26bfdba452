// Groups: putting primitives into a (new or existing) group beside an adjacent member, moving
// them within or between groups, and the validations pcs runs first.
import { error, deprecation, Reports, type ReportItem } from "../report/index.js";
import { section } from "./document.js";
import { validateId } from "./ids.js";
import { isClone, isResource, isStonith, GROUP } from "./resources.js";
import { createElement, detach, insertBefore, walk, type XmlElement } from "./xml.js";

const WRAPPER_TAGS = new Set(["group", "clone", "master", "bundle"]);
const NOT_ID_OWNERS = new Set(["acl_target", "role", "obj_ref", "resource_ref"]);

/**
 * The configuration element with this id, as pcs's library finds one (status ignored; a
 * primitive whose remote-node meta attribute equals the id counts too).
 */
export function findConfigElement(cib: XmlElement, id: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const part of cib.children) {
    if (part.name === "status") continue;
    walk(part, (e) => {
      if (found) return false;
      if (e.attrs.id === id && !NOT_ID_OWNERS.has(e.name)) found = e;
      else if (e.name === "primitive" && remoteNodeName(e) === id) found = e;
    });
    if (found) break;
  }
  return found;
}

function remoteNodeName(primitive: XmlElement): string | undefined {
  for (const set of primitive.children) {
    if (set.name !== "meta_attributes") continue;
    const pair = set.children.find((p) => p.name === "nvpair" && p.attrs.name === "remote-node");
    if (pair) return pair.attrs.value;
  }
  return undefined;
}

/** The primitives of a group (its members). */
export const groupMembers = (group: XmlElement): XmlElement[] => group.children.filter((c) => c.name === "primitive");

/** The group, clone or bundle directly containing a resource. */
export function wrapperParent(resource: XmlElement): XmlElement | undefined {
  const p = resource.parent;
  return p && WRAPPER_TAGS.has(p.name) ? p : undefined;
}

const ADD_REMOVE = (groupId: string) => ({ container: "group", item: "resource", containerId: groupId });

/** pcs's add/remove validation of a group's members (adding only; groups may not end up empty). */
function validateAddToGroup(groupId: string, addIds: string[], currentIds: string[], adjacentId?: string): ReportItem[] {
  const base = ADD_REMOVE(groupId);
  const reports: ReportItem[] = [];
  if (!addIds.length) {
    reports.push(error("ADD_REMOVE_ITEMS_NOT_SPECIFIED", base));
  }
  const counts = new Map<string, number>();
  for (const id of addIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  if (duplicates.length) reports.push(error("ADD_REMOVE_ITEMS_DUPLICATION", { ...base, duplicates: duplicates.sort() }));
  const present = [...new Set(addIds.filter((id) => currentIds.includes(id)))].sort();
  if (adjacentId === undefined && present.length) {
    reports.push(error("ADD_REMOVE_CANNOT_ADD_ITEMS_ALREADY_IN_THE_CONTAINER", { ...base, items: present }));
  }
  if (!addIds.length && !currentIds.length) {
    reports.push(error("ADD_REMOVE_CANNOT_REMOVE_ALL_ITEMS_FROM_THE_CONTAINER", base));
  }
  if (adjacentId) {
    if (!currentIds.includes(adjacentId)) reports.push(error("ADD_REMOVE_ADJACENT_ITEM_NOT_IN_THE_CONTAINER", { ...base, adjacentId }));
    if (addIds.includes(adjacentId)) reports.push(error("ADD_REMOVE_CANNOT_PUT_ITEM_NEXT_TO_ITSELF", { ...base, adjacentId }));
    if (!addIds.length) reports.push(error("ADD_REMOVE_CANNOT_SPECIFY_ADJACENT_ITEM_WITHOUT_ITEMS_TO_ADD", { ...base, adjacentId }));
  }
  return reports;
}

/** Can these resources be moved into `group` (beside `adjacent`)? Reports, empty when they can. */
export function validateMoveToGroup(group: XmlElement, resources: XmlElement[], adjacent?: XmlElement): ReportItem[] {
  const reports: ReportItem[] = [];
  for (const resource of resources) {
    const id = resource.attrs.id ?? "";
    if (!isResource(resource)) {
      reports.push(error("ID_BELONGS_TO_UNEXPECTED_TYPE", { id, expectedTypes: ["primitive"], currentType: resource.name }));
    } else if (WRAPPER_TAGS.has(resource.name)) {
      reports.push(error("CANNOT_GROUP_RESOURCE_WRONG_TYPE", { resourceId: id, resourceType: resource.name }));
    } else {
      const parent = wrapperParent(resource);
      if (parent && parent.name !== GROUP) {
        reports.push(
          error("CANNOT_GROUP_RESOURCE_WRONG_TYPE", { resourceId: id, resourceType: resource.name, parentId: parent.attrs.id, parentType: parent.name }),
        );
      }
    }
  }
  if (group.name === GROUP) {
    reports.push(
      ...validateAddToGroup(
        group.attrs.id ?? "",
        resources.map((r) => r.attrs.id ?? ""),
        groupMembers(group).map((r) => r.attrs.id ?? ""),
        adjacent?.attrs.id,
      ),
    );
  } else {
    reports.push(error("ID_BELONGS_TO_UNEXPECTED_TYPE", { id: group.attrs.id ?? "", expectedTypes: ["group"], currentType: group.name }));
  }
  return reports;
}

/**
 * Put primitives into `group` (after or before `adjacent`, else at the end), in the given order.
 * A group left empty is removed, with its clone when it was cloned. References to a removed
 * group are not touched: callers check for that (see groupAdd).
 */
export function moveResourcesToGroup(group: XmlElement, primitives: XmlElement[], adjacent?: XmlElement, putAfter = true): void {
  let anchor = adjacent;
  for (const resource of primitives) {
    const oldParent = resource.parent;
    if (anchor && putAfter && nextSibling(anchor)) {
      insertBefore(anchor.parent!, resource, nextSibling(anchor)!);
      anchor = resource;
    } else if (anchor && !putAfter) {
      insertBefore(anchor.parent!, resource, anchor);
    } else {
      insertBefore(group, resource, null);
      anchor = resource;
    }
    if (oldParent && oldParent.name === GROUP && !groupMembers(oldParent).length) {
      const grandparent = oldParent.parent;
      if (grandparent) {
        if (isClone(grandparent) && grandparent.parent) detach(grandparent);
        else detach(oldParent);
      }
    }
  }
}

function nextSibling(e: XmlElement): XmlElement | undefined {
  const siblings = e.parent?.children ?? [];
  return siblings[siblings.indexOf(e) + 1];
}

export interface GroupTarget {
  group: XmlElement;
  adjacent?: XmlElement;
  /** The group did not exist: it was created (appended to resources). */
  created: boolean;
}

/**
 * Find the group (any element with the id, as pcs) and the adjacent resource, creating the group
 * at the end of the resources section when the id is unused. A missing adjacent resource stops
 * at once (pcs cannot validate the rest without it); an invalid new group id is collected.
 */
export function resolveGroupTarget(cib: XmlElement, groupId: string, adjacentId: string | undefined, reports: Reports): GroupTarget {
  let adjacent: XmlElement | undefined;
  if (adjacentId) {
    adjacent = findConfigElement(cib, adjacentId);
    if (!adjacent) {
      reports.add(error("ID_NOT_FOUND", { id: adjacentId, expectedTypes: [] }));
      reports.throwIfErrors();
    }
  }
  const existing = findConfigElement(cib, groupId);
  if (existing) return { group: existing, adjacent, created: false };
  reports.add(...validateId(groupId, "group name"));
  const group = createElement(GROUP, { id: groupId }, section(cib, "resources"));
  return { group, adjacent, created: true };
}

/** Validate and move new or existing primitives into a resolved group target (resource create --group). */
export function placeIntoGroup(target: GroupTarget, primitives: XmlElement[], putAfter: boolean, reports: Reports): void {
  reports.add(...validateMoveToGroup(target.group, primitives, target.adjacent));
  reports.throwIfErrors();
  moveResourcesToGroup(target.group, primitives, target.adjacent, putAfter);
}

export interface GroupAddOptions {
  groupId: string;
  resourceIds: string[];
  adjacentId?: string;
  /** Put after the adjacent resource (default) or before it. */
  putAfter?: boolean;
}

/**
 * pcs resource group add: move existing primitives into an existing or new group. A group the
 * move would empty is removed; when anything still refers to it, pcs's push fails and it asks
 * for `resource ungroup` first: so do we.
 */
export function groupAdd(cib: XmlElement, options: GroupAddOptions, reports: Reports): XmlElement {
  const { groupId, resourceIds, adjacentId, putAfter = true } = options;
  const target = resolveGroupTarget(cib, groupId, adjacentId, reports);
  const resources: XmlElement[] = [];
  for (const id of resourceIds) {
    const element = findConfigElement(cib, id);
    if (element) resources.push(element);
    else reports.add(error("ID_NOT_FOUND", { id, expectedTypes: [] }));
  }
  if (resources.some(isStonith)) {
    reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith resource" }));
  }
  reports.add(...validateMoveToGroup(target.group, resources, target.adjacent));
  reports.throwIfErrors();
  const emptied = groupsEmptiedByMove(resources, resourceIds);
  moveResourcesToGroup(target.group, resources, target.adjacent, putAfter);
  for (const { groupId: emptiedId, memberIds } of emptied) {
    if (findConfigElement(cib, emptiedId) || !isReferenced(cib, emptiedId)) continue;
    reports.add(error("CANNOT_LEAVE_GROUP_EMPTY_AFTER_MOVE", { groupId: emptiedId, innerResourceIds: memberIds }));
  }
  reports.throwIfErrors();
  return target.group;
}

const REFERENCE_ATTRS = ["rsc", "with-rsc", "first", "then", "reference"];

/** Whether any element of the configuration refers to this id (which a schema check would reject if gone). */
export function isReferenced(cib: XmlElement, id: string): boolean {
  let found = false;
  for (const part of cib.children) {
    if (part.name === "status") continue;
    walk(part, (e) => {
      if (found) return false;
      if ((e.name === "resource_ref" || e.name === "obj_ref") && e.attrs.id === id) found = true;
      else if (REFERENCE_ATTRS.some((a) => e.attrs[a] === id)) found = true;
    });
  }
  return found;
}

/**
 * Groups that moving `resourceIds` would leave empty: [group id, its member ids]. pcs deletes
 * such a group; when something still refers to it the result is an invalid CIB.
 */
export function groupsEmptiedByMove(resources: XmlElement[], resourceIds: string[]): { groupId: string; memberIds: string[] }[] {
  const seen = new Map<string, string[]>();
  for (const resource of resources) {
    const parent = wrapperParent(resource);
    if (parent?.name === GROUP && !seen.has(parent.attrs.id ?? "")) {
      seen.set(parent.attrs.id ?? "", groupMembers(parent).map((m) => m.attrs.id ?? ""));
    }
  }
  const moving = new Set(resourceIds);
  return [...seen].filter(([, members]) => members.every((m) => moving.has(m))).map(([groupId, memberIds]) => ({ groupId, memberIds }));
}
