// Messages of the resource area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { plural, quoteList, typeList, typeName } from "../format.js";

const isAre = (items: readonly unknown[]) => plural(items, "is", "are");
const itThey = (items: readonly unknown[]) => plural(items, "it", "they");

interface AddRemove {
  container: string; // "group"
  item: string; // "resource"
  containerId: string;
}

export const resource = {
  // ---- lookups -----------------------------------------------------------------------
  ID_BELONGS_TO_UNEXPECTED_TYPE: (p: { id: string; expectedTypes: string[]; currentType: string }) =>
    `'${p.id}' is not ${typeList(p.expectedTypes, true)}`,

  // ---- groups ------------------------------------------------------------------------
  ADD_REMOVE_ITEMS_NOT_SPECIFIED: (p: AddRemove) =>
    `Cannot modify ${p.container} '${p.containerId}', no ${p.item}s to add or remove specified`,
  ADD_REMOVE_ITEMS_DUPLICATION: (p: AddRemove & { duplicates: string[] }) =>
    `${p.item[0].toUpperCase()}${p.item.slice(1)}s to add or remove must be unique, duplicate ${p.item}s: ${quoteList(p.duplicates)}`,
  ADD_REMOVE_CANNOT_ADD_ITEMS_ALREADY_IN_THE_CONTAINER: (p: AddRemove & { items: string[] }) =>
    `Cannot add ${plural(p.items, p.item)} ${quoteList(p.items)}, ${itThey(p.items)} ${isAre(p.items)} already present in ${p.container} '${p.containerId}'`,
  ADD_REMOVE_CANNOT_REMOVE_ITEMS_NOT_IN_THE_CONTAINER: (p: AddRemove & { items: string[] }) =>
    `Cannot remove ${plural(p.items, p.item)} ${quoteList(p.items)}, ${itThey(p.items)} ${isAre(p.items)} not present in ${p.container} '${p.containerId}'`,
  ADD_REMOVE_CANNOT_REMOVE_ALL_ITEMS_FROM_THE_CONTAINER: (p: AddRemove) =>
    `Cannot remove all ${p.item}s from ${p.container} '${p.containerId}'`,
  ADD_REMOVE_ADJACENT_ITEM_NOT_IN_THE_CONTAINER: (p: AddRemove & { adjacentId: string }) =>
    `There is no ${p.item} '${p.adjacentId}' in the ${p.container} '${p.containerId}', cannot add ${p.item}s next to it`,
  ADD_REMOVE_CANNOT_PUT_ITEM_NEXT_TO_ITSELF: (p: AddRemove & { adjacentId: string }) =>
    `Cannot put ${p.item} '${p.adjacentId}' next to itself`,
  ADD_REMOVE_CANNOT_SPECIFY_ADJACENT_ITEM_WITHOUT_ITEMS_TO_ADD: (p: AddRemove & { adjacentId: string }) =>
    `Cannot specify adjacent ${p.item} '${p.adjacentId}' without ${p.item}s to add`,
  CANNOT_GROUP_RESOURCE_WRONG_TYPE: (p: { resourceId: string; resourceType: string; parentId?: string; parentType?: string }) =>
    p.parentId && p.parentType
      ? `'${p.resourceId}' cannot be put into a group because its parent '${p.parentId}' is ${typeName(p.parentType, true)} resource`
      : `'${p.resourceId}' is ${typeName(p.resourceType, true)} resource, ${typeName(p.resourceType)} resources cannot be put into a group`,
  CANNOT_LEAVE_GROUP_EMPTY_AFTER_MOVE: (p: { groupId: string; innerResourceIds: string[] }) =>
    `Unable to move ${plural(p.innerResourceIds, "resource")} ${quoteList(p.innerResourceIds)} as it would leave group '${p.groupId}' empty. Please, use the 'pcs resource ungroup ${p.groupId}' command first.`,
  /** `suffix` e.g. " Please use 'pcs stonith delete' instead." */
  RESOURCE_STONITH_COMMANDS_MISMATCH: (p: { notAcceptedType: string; suffix?: string }) =>
    `Ability of this command to accept ${p.notAcceptedType} is deprecated and will be removed in a future release.${p.suffix ?? ""}`,

  RESOURCE_REFERENCE_REMOVED: (p: { text: string }) => p.text,
  RESOURCE_IS_UNMANAGED: (p: { resourceId: string }) => `'${p.resourceId}' is unmanaged`,
  RESOURCE_MANAGED_NO_MONITOR_ENABLED: (p: { resourceId: string }) => `Resource '${p.resourceId}' has no enabled monitor operations`,

  // ---- clones ------------------------------------------------------------------------
  CLONING_STONITH_RESOURCES_HAS_NO_EFFECT: (p: { stonithIds: string[]; groupId?: string }) => {
    const resources = plural(p.stonithIds, "resource");
    const group = p.groupId ? `Group '${p.groupId}' contains stonith ${resources}. ` : "";
    return `${group}No need to clone stonith ${resources} ${quoteList(p.stonithIds)}, any node can use a stonith resource (unless specifically banned) regardless of whether the stonith resource is running on that node or not`;
  },
  RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES: (p: { attribute: string; agent: string; resourceId?: string; groupId?: string }) =>
    `Clone option '${p.attribute}' is not compatible with '${p.agent}' resource agent${p.resourceId ? ` of resource '${p.resourceId}'${p.groupId ? ` in group '${p.groupId}'` : ""}` : ""}`,
  RESOURCE_BUNDLE_UNSUPPORTED_CONTAINER_TYPE: (p: { bundleId: string; types: string[] }) =>
    `Bundle '${p.bundleId}' uses unsupported container type, therefore it is not possible to set its container options. Supported container types are: ${quoteList(p.types)}`,
  RESOURCE_IN_BUNDLE_NOT_ACCESSIBLE: (p: { bundleId: string; resourceId: string }) =>
    `Resource '${p.resourceId}' will not be accessible by the cluster inside bundle '${p.bundleId}', at least one of bundle options 'control-port' or 'ip-range-start' has to be specified`,
  RESOURCE_BUNDLE_ALREADY_CONTAINS_A_RESOURCE: (p: { bundleId: string; resourceId: string }) =>
    `bundle '${p.bundleId}' already contains resource '${p.resourceId}', a bundle may contain at most one resource`,
  PREREQUISITE_OPTION_IS_MISSING: (p: { option: string; optionType?: string; prerequisite: string; prerequisiteType?: string }) =>
    `If ${p.optionType ? p.optionType + " " : ""}option '${p.option}' is specified, ${p.prerequisiteType ? p.prerequisiteType + " " : ""}option '${p.prerequisite}' must be specified as well`,
  PREREQUISITE_OPTION_MUST_NOT_BE_SET: (p: { option: string; optionType?: string; prerequisite: string; prerequisiteType?: string }) =>
    `Cannot set ${p.optionType ? p.optionType + " " : ""}option '${p.option}' because ${p.prerequisiteType ? p.prerequisiteType + " " : ""}option '${p.prerequisite}' is already set`,
};
