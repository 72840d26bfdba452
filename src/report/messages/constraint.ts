// Messages of the constraint area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

export const constraint = {
  /** A legacy pcs command's one-off error (utils.err); the text is pcs's. */
  CONSTRAINT_ERROR: (p: { text: string }) => p.text,
  LOCATION_NODE_VALIDATION_SKIPPED: () => "Validation for node existence in the cluster will be skipped",
  LEGACY_ROLE_DEPRECATED: (p: { role: string; replacedBy: string }) =>
    `Role value '${p.role}' is deprecated and should not be used, use '${p.replacedBy}' instead`,
  DEPRECATED_COMMAND: (p: { replacement: string }) =>
    `Deprecation Warning: This command is deprecated and will be removed. Please use '${p.replacement}' instead.`,
  /** Text of the placement commands, worded as crm_resource and pcs print it. */
  PLACEMENT_TEXT: (p: { text: string }) => p.text,
  CIB_UPGRADED: () => "Cluster CIB has been upgraded to latest version",
  CONSTRAINT_PROGRESS: (p: { text: string }) => p.text,
  DUPLICATE_CONSTRAINTS_LIST: (p: { tag: string; lines: string[] }) =>
    `Duplicate constraints:\n${p.lines.map((l) => "  " + l).join("\n")}`,
  DUPLICATE_CONSTRAINTS_EXIST: (p: { ids: string[] }) => (p.ids.length ? "duplicate constraint already exists" : ""),
  ID_NOT_FOUND_TYPED: (p: { id: string; types: string }) => `${p.types} '${p.id}' does not exist`,
  BOOTH_TICKET_NAME_INVALID: (p: { ticket: string }) =>
    `booth ticket name '${p.ticket}' is not valid, use up to 63 alphanumeric characters or dash`,
  NO_MATCHING_TICKET: () => "no matching ticket constraint found",
  CONSTRAINT_INVALID_OPTIONS: (p: { names: string[]; allowed: string[]; optionType?: string }) =>
    `invalid ${p.optionType ? p.optionType + " " : ""}option${p.names.length > 1 ? "s" : ""} ${quoteList(p.names)}, allowed option${p.allowed.length > 1 ? "s are" : " is"}: ${quoteList(p.allowed)}`,
  RESOURCE_FOR_CONSTRAINT_IS_MULTIINSTANCE: (p: { id: string; kind: string; parentId: string }) =>
    `${p.id} is a ${p.kind} resource, you should use the ${p.kind} id: ${p.parentId} when adding constraints`,
  INVALID_SCORE: (p: { score: string }) => `invalid score '${p.score}', use integer or INFINITY or -INFINITY`,
  EMPTY_RESOURCE_SET_LIST: () => "Resource set list is empty",
  CANNOT_SET_ORDER_FOR_SAME_GROUP: () => "Cannot set order constraint for resources in the same group",
  RESOURCE_DOES_NOT_EXIST: (p: { id: string }) => `Resource '${p.id}' does not exist`,
  NODE_NOT_IN_CONFIGURATION: (p: { node: string }) => `Node '${p.node}' does not appear to exist in configuration`,
};
