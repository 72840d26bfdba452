// Messages of the property area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

// resource / operation defaults
export const defaultsMessages = {
  DEFAULTS_CAN_BE_OVERRIDDEN: () => "Defaults do not apply to resources which override them with their own defined values",
  DEFAULTS_SET_NOT_FOUND: (p: { id: string }) => `options set '${p.id}' does not exist`,
  DEFAULTS_NOT_A_SET: (p: { id: string }) => `'${p.id}' is not an options set`,
  DEFAULTS_SET_OTHER_CONTEXT: (p: { tag: string; id: string; context: string }) => `${p.tag} '${p.id}' exists but does not belong to '${p.context}'`,
  DEFAULTS_INVALID_SCORE: (p: { score: string }) => `invalid score '${p.score}', use integer or INFINITY or -INFINITY`,
  DEFAULTS_SET_AMBIGUOUS: (p: { command: string }) =>
    `Several options sets exist, please use the '${p.command}' command and specify an option set ID`,
  CIB_SCHEMA_REJECTED: () => "Unable to update cib",
  DEFAULTS_RULE_INVALID: (p: { rule: string; detail?: string }) => `'${p.rule}' is not a valid rule expression${p.detail ? ": " + p.detail : ""}`,
  RULE_EXPRESSION_NOT_ALLOWED: (p: { kind: "expression" | "op" | "rsc" }) =>
    `${
      p.kind === "expression"
        ? "Keywords 'defined', 'not_defined', 'eq', 'ne', 'gte', 'gt', 'lte' and 'lt'"
        : p.kind === "op"
          ? "Keyword 'op'"
          : "Keyword 'resource'"
    } cannot be used in a rule in this command`,
};

export const property = {
  ...defaultsMessages,
  PROPERTY_CANNOT_REMOVE_NOT_PRESENT: (p: { names: string[]; setId: string }) =>
    `Cannot remove ${p.names.length > 1 ? "properties" : "property"} ${quoteList(p.names)}, ${p.names.length > 1 ? "they are" : "it is"} not present in property set '${p.setId}'`,
  CANNOT_CREATE_DEFAULT_CLUSTER_PROPERTY_SET: (p: { id: string }) =>
    `Cannot create default cluster_property_set element, ID '${p.id}' already exists. Find elements with the ID and remove them from cluster configuration.`,
  STONITH_WATCHDOG_TIMEOUT_CANNOT_BE_SET: () => "stonith-watchdog-timeout can only be unset or set to 0 while SBD is disabled",
  PROPERTY_METADATA_UNAVAILABLE: (p: { agent: string; reason: string }) =>
    `Agent '${p.agent}' is not installed or does not provide valid metadata: ${p.reason}`,
};
