// ACLs in the CIB: roles with permissions, users (acl_target) and groups (acl_group) with
// assigned roles. Every failure stops at once, as pcs's ACL library commands do.
import { findById, findSection, section } from "../../cib/document.js";
import { IdIndex, validateId } from "../../cib/ids.js";
import { childElements, createElement, detach, findAll, type XmlElement } from "../../cib/xml.js";
import { error, ReportedError, type ReportItem } from "../../report/index.js";
import { searchElement } from "../tag/search.js";

export type PermissionKind = "read" | "write" | "deny";
export interface PermissionInfo {
  kind: PermissionKind;
  scopeType: "xpath" | "id";
  scope: string;
}

const TYPE_NAMES: Record<string, string> = {
  acl_target: "ACL user",
  acl_group: "ACL group",
  acl_role: "ACL role",
  acl_permission: "ACL permission",
};

const stop = (...reports: ReportItem[]): never => {
  throw new ReportedError(reports, false);
};

/** An element of the given ACL kinds by id, or undefined when nothing at all has the id (lenient). */
function find(cib: XmlElement, tags: string[], id: string, { lenient = false } = {}): XmlElement | undefined {
  const types = tags.map((t) => TYPE_NAMES[t]).sort().join("/");
  const { element, report } = searchElement(cib, findSection(cib, "acls"), new Set(tags), id, types);
  if (element) return element;
  if (lenient && report!.code === "ID_OF_TYPE_NOT_FOUND") return undefined;
  return stop(report!);
}

const findRole = (cib: XmlElement, id: string) => find(cib, ["acl_role"], id)!;
export const findUser = (cib: XmlElement, id: string) => find(cib, ["acl_target"], id)!;
export const findGroup = (cib: XmlElement, id: string) => find(cib, ["acl_group"], id)!;

/** A user if there is one with the id, else a group (pcs's guess when 'user' or 'group' is not said). */
export function findUserOrGroup(cib: XmlElement, id: string): XmlElement {
  return find(cib, ["acl_target"], id, { lenient: true }) ?? find(cib, ["acl_group", "acl_target"], id)!;
}

function validatePermissions(cib: XmlElement, permissions: readonly PermissionInfo[]): void {
  const reports = permissions
    .filter((p) => p.scopeType === "id" && !findById(cib, p.scope))
    .map((p) => error("ID_OF_TYPE_NOT_FOUND", { id: p.scope, types: "id" }));
  if (reports.length) stop(...reports);
}

function newRole(cib: XmlElement, ids: IdIndex, roleId: string, description?: string): XmlElement {
  const invalid = validateId(roleId, "ACL role");
  if (invalid.length) stop(...invalid);
  const taken = ids.book(roleId);
  if (taken.length) stop(...taken);
  const role = createElement("acl_role", { id: roleId }, section(cib, "acls"));
  if (description) role.attrs.description = description;
  return role;
}

function addPermissions(role: XmlElement, ids: IdIndex, permissions: readonly PermissionInfo[]): void {
  for (const p of permissions) {
    const id = ids.allocate(`${role.attrs.id ?? "role"}-${p.kind}`);
    createElement("acl_permission", { id, kind: p.kind, [p.scopeType === "id" ? "reference" : "xpath"]: p.scope }, role);
  }
}

export function createRole(cib: XmlElement, roleId: string, permissions: readonly PermissionInfo[], description: string): void {
  if (permissions.length) validatePermissions(cib, permissions);
  const ids = new IdIndex(cib);
  addPermissions(newRole(cib, ids, roleId, description), ids, permissions);
}

export function addPermission(cib: XmlElement, roleId: string, permissions: readonly PermissionInfo[]): void {
  validatePermissions(cib, permissions);
  const ids = new IdIndex(cib);
  const role = find(cib, ["acl_role"], roleId, { lenient: true }) ?? newRole(cib, ids, roleId);
  addPermissions(role, ids, permissions);
}

export function removePermission(cib: XmlElement, permissionId: string): void {
  detach(find(cib, ["acl_permission"], permissionId)!);
}

export function removeRole(cib: XmlElement, roleId: string, autodelete: boolean): void {
  detach(findRole(cib, roleId));
  const acls = section(cib, "acls");
  for (const ref of findAll(acls, (e) => e.name === "role" && e.attrs.id === roleId)) {
    const owner = ref.parent!;
    detach(ref);
    if (autodelete && !findAll(owner, (e) => e.name === "role").length) detach(owner);
  }
}

function assignReports(cib: XmlElement, roleId: string, target: XmlElement): ReportItem[] {
  let role: XmlElement;
  try {
    role = findRole(cib, roleId);
  } catch (e) {
    if (e instanceof ReportedError) return e.reports;
    throw e;
  }
  const id = role.attrs.id!;
  if (childElements(target, "role").some((r) => r.attrs.id === id)) {
    return [error("CIB_ACL_ROLE_IS_ALREADY_ASSIGNED_TO_TARGET", { roleId: id, targetId: target.attrs.id ?? "" })];
  }
  createElement("role", { id }, target);
  return [];
}

export function assignRole(cib: XmlElement, roleId: string, target: XmlElement): void {
  const reports = assignReports(cib, roleId, target);
  if (reports.length) stop(...reports);
}

export function unassignRole(target: XmlElement, roleId: string, autodelete: boolean): void {
  const assigned = childElements(target, "role").filter((r) => r.attrs.id === roleId);
  if (!assigned.length) stop(error("CIB_ACL_ROLE_IS_NOT_ASSIGNED_TO_TARGET", { roleId, targetId: target.attrs.id ?? "" }));
  for (const r of assigned) detach(r);
  if (autodelete && !childElements(target, "role").length) detach(target);
}

function assignAll(cib: XmlElement, roleIds: readonly string[], target: XmlElement): void {
  const reports = roleIds.flatMap((roleId) => assignReports(cib, roleId, target));
  if (reports.length) stop(...reports);
}

export function createUser(cib: XmlElement, userId: string, roleIds: readonly string[]): void {
  const acls = section(cib, "acls");
  if (childElements(acls, "acl_target").some((t) => t.attrs.id === userId)) {
    stop(error("CIB_ACL_TARGET_ALREADY_EXISTS", { targetId: userId }));
  }
  assignAll(cib, roleIds, createElement("acl_target", { id: userId }, acls));
}

export function createGroup(cib: XmlElement, groupId: string, roleIds: readonly string[]): void {
  const invalid = validateId(groupId, "ACL group");
  if (invalid.length) stop(...invalid);
  const taken = new IdIndex(cib).book(groupId);
  if (taken.length) stop(...taken);
  assignAll(cib, roleIds, createElement("acl_group", { id: groupId }, section(cib, "acls")));
}

export const removeElement = (element: XmlElement): void => void detach(element);

// ---- reading --------------------------------------------------------------------------------

export interface AclConfig {
  targets: { id: string; roles: string[] }[];
  groups: { id: string; roles: string[] }[];
  roles: { id: string; description?: string; permissions: Record<string, string | undefined>[] }[];
}

const withRoles = (e: XmlElement) => ({
  id: e.attrs.id ?? "",
  roles: childElements(e, "role")
    .map((r) => r.attrs.id)
    .filter((id): id is string => !!id),
});

export function aclConfig(cib: XmlElement): AclConfig {
  const acls = findSection(cib, "acls");
  if (!acls) return { targets: [], groups: [], roles: [] };
  return {
    targets: childElements(acls, "acl_target").map(withRoles),
    groups: childElements(acls, "acl_group").map(withRoles),
    roles: childElements(acls, "acl_role").map((r) => ({
      id: r.attrs.id ?? "",
      description: r.attrs.description,
      permissions: childElements(r, "acl_permission").map((p) => ({ ...p.attrs })),
    })),
  };
}
