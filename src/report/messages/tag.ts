// Messages of the tag area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { plural, quoteList } from "../format.js";

export const tag = {
  ID_OF_TYPE_NOT_FOUND: (p: { id: string; types: string }) => `${p.types} '${p.id}' does not exist`,
  ID_OF_UNEXPECTED_TYPE: (p: { id: string; types: string }) =>
    `'${p.id}' is not ${/^(ACL |options set)/.test(p.types) ? "an" : "a"} ${p.types}`,
  TAG_ADD_REMOVE_IDS_DUPLICATION: (p: { ids: string[]; add: boolean }) =>
    `Ids to ${p.add ? "add" : "remove"} must be unique, duplicate ids: ${quoteList(p.ids)}`,
  TAG_ADJACENT_REFERENCE_ID_NOT_IN_THE_TAG: (p: { adjacentId: string; tagId: string }) =>
    `There is no reference id '${p.adjacentId}' in the tag '${p.tagId}', cannot put reference ids next to it in the tag`,
  TAG_CANNOT_ADD_AND_REMOVE_IDS_AT_THE_SAME_TIME: (p: { ids: string[] }) =>
    `Ids cannot be added and removed at the same time: ${quoteList(p.ids)}`,
  TAG_CANNOT_ADD_REFERENCE_IDS_ALREADY_IN_THE_TAG: (p: { tagId: string; ids: string[] }) =>
    `Cannot add reference ${plural(p.ids.length, "id")} already in the tag '${p.tagId}': ${quoteList(p.ids)}`,
  TAG_CANNOT_CONTAIN_ITSELF: () => "Tag cannot contain itself",
  TAG_CANNOT_CREATE_EMPTY_TAG_NO_IDS_SPECIFIED: () => "Cannot create empty tag, no resource ids specified",
  TAG_CANNOT_PUT_ID_NEXT_TO_ITSELF: (p: { adjacentId: string }) => `Cannot put id '${p.adjacentId}' next to itself.`,
  TAG_CANNOT_REMOVE_ADJACENT_ID: (p: { adjacentId: string }) =>
    `Cannot remove id '${p.adjacentId}' next to which ids are being added`,
  TAG_CANNOT_REMOVE_REFERENCES_WITHOUT_REMOVING_TAG: (p: { tagId: string }) =>
    `There would be no references left in the tag '${p.tagId}', please remove the whole tag using the 'pcs tag remove ${p.tagId}' command`,
  TAG_CANNOT_REMOVE_TAG_REFERENCED_IN_CONSTRAINTS: (p: { tagId: string; constraintIds: string[] }) =>
    `Tag '${p.tagId}' cannot be removed because it is referenced in ${plural(p.constraintIds.length, "constraint")} ${quoteList(p.constraintIds)}`,
  TAG_CANNOT_REMOVE_TAGS_NO_TAGS_SPECIFIED: () => "Cannot remove tags, no tags to remove specified",
  TAG_CANNOT_SPECIFY_ADJACENT_ID_WITHOUT_IDS_TO_ADD: (p: { adjacentId: string }) =>
    `Cannot specify adjacent id '${p.adjacentId}' without ids to add`,
  TAG_CANNOT_UPDATE_TAG_NO_IDS_SPECIFIED: () => "Cannot update tag, no ids to be added or removed specified",
  TAG_IDS_NOT_IN_THE_TAG: (p: { tagId: string; ids: string[] }) =>
    `Tag '${p.tagId}' does not contain ${plural(p.ids.length, "id")}: ${quoteList(p.ids)}`,
};
