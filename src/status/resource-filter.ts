// crm_mon's --resource and --node filters: the names a filter holds (a resource or the resources of a tag, a
// node or the nodes of a tag) and the per-variant checks of which resources and instances a filtered status
// shows. Without a filter both lists are ["*"], which matches everything.
import type { XmlElement } from "../cib/xml.js";
import type { Cluster, Resource } from "../scheduler/types.js";

export type NameList = readonly string[];
export const EVERYTHING: NameList = ["*"];

const inList = (name: string, list: NameList): boolean => list.some((entry) => entry === "*" || entry === name);
const inListCaseless = (name: string, list: NameList): boolean => {
  const lower = name.toLowerCase();
  return list.some((entry) => entry === "*" || entry.toLowerCase() === lower);
};

const topOf = (rsc: Resource): Resource => (rsc.parent ? topOf(rsc.parent) : rsc);

function inUniqueClone(rsc: Resource): boolean {
  for (let r = rsc.parent; r; r = r.parent) if (r.variant === "clone") return !!r.clone?.globallyUnique;
  return false;
}

/** The name crm_mon shows and filters a resource by: an anonymous clone's instances go by the configured id. */
export const printableId = (rsc: Resource): string => (inUniqueClone(rsc) ? rsc.id : rsc.baseId);

const baseName = (id: string): string => id.replace(/:\d+$/, "");

/**
 * The name crm_mon filters by for an id: of the first resource, depth first, with this id or whose id without
 * an instance number is it (a clone always has an instance of its primitive, even with no nodes).
 */
function nameOf(resources: readonly Resource[], id: string): string | undefined {
  for (const r of resources) {
    if (r.id === id || baseName(r.id) === id) return id.includes(":") ? r.id : printableId(r);
    const inner = nameOf(r.children, id);
    if (inner !== undefined) return inner;
    if (r.variant === "clone" && !r.children.length && r.clone?.childId === id) return id;
  }
  return undefined;
}

function tagRefs(cib: XmlElement, tagId: string): string[] {
  const configuration = cib.children.find((c) => c.name === "configuration");
  const tags = configuration?.children.find((c) => c.name === "tags");
  const tag = tags?.children.find((c) => c.name === "tag" && c.attrs.id === tagId);
  return (tag?.children ?? []).filter((c) => c.name === "obj_ref" && c.attrs.id).map((c) => c.attrs.id!);
}

/** crm_mon --resource: the resource's name, else the names of a tag's resources (none for an unknown id). */
export function resourceNames(cib: XmlElement, cluster: Cluster, id: string | undefined): NameList {
  if (id === undefined || id === "*") return EVERYTHING;
  const name = nameOf(cluster.resources, id);
  if (name !== undefined) return [name];
  return tagRefs(cib, id).flatMap((ref) => {
    const refName = nameOf(cluster.resources, ref);
    return refName === undefined ? [] : [refName];
  });
}

/** crm_mon --node: the node (its name matched without case), else the names of a tag's nodes. */
export function nodeNames(cib: XmlElement, cluster: Cluster, node: string | undefined): NameList {
  if (node === undefined || node === "*") return EVERYTHING;
  if (cluster.nodes.some((n) => n.uname.toLowerCase() === node.toLowerCase())) return [node];
  return tagRefs(cib, node).flatMap((ref) => cluster.nodes.filter((n) => n.id === ref).map((n) => n.uname));
}

/** Pacemaker's is_filtered of each variant: whether the resource falls outside the --resource names. */
export function isFiltered(rsc: Resource, names: NameList, checkParent: boolean): boolean {
  if (rsc.variant === "primitive") {
    if (inList(printableId(rsc), names) || inList(rsc.id, names)) return false;
    return checkParent && rsc.parent ? isFiltered(topOf(rsc), names, false) : true;
  }
  if (rsc.variant === "group") {
    const passes =
      (checkParent && inList(printableId(topOf(rsc)), names)) ||
      inList(printableId(rsc), names) ||
      (rsc.id.includes(":") && inList(rsc.id, names)) ||
      rsc.children.some((c) => !isFiltered(c, names, false));
    return !passes;
  }
  const passes = inList(printableId(rsc), names) || inList(rsc.clone?.childId ?? "", names) || rsc.children.some((c) => !isFiltered(c, names, false));
  return !passes;
}

/** A group or clone named in the filter itself (not only through a member) shows all its members. */
export const namedItself = (rsc: Resource, names: NameList): boolean => inList(printableId(rsc), names) || (rsc.id.includes(":") && inList(rsc.id, names));

export const nodeListed = (uname: string, nodes: NameList): boolean => inListCaseless(uname, nodes);

/** Whether a group member is shown: named, or (with "*" or its group named) when active or inactive ones are shown. */
export function memberShown(group: Resource, member: Resource, names: NameList, showInactive: boolean, memberActive: boolean): boolean {
  const starOnly = names.length === 1 && names[0] === "*";
  const memberFiltered = isFiltered(member, names, false);
  const shownByState = memberActive || showInactive;
  if (!starOnly && !memberFiltered) return true;
  if (!memberFiltered && shownByState) return true;
  return namedItself(group, names) && shownByState;
}

/** Pacemaker's pcmk__rsc_filtered_by_node: active (on these nodes) yet on none of the --node names. */
export const filteredByNodeNames = (activeOn: readonly string[], nodes: NameList): boolean => activeOn.length > 0 && !activeOn.some((n) => nodeListed(n, nodes));
