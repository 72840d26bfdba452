// Messages of the property area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

const hint = (allowed: string | string[]) => (Array.isArray(allowed) ? quoteList(allowed) : allowed);

/** pcs's INVALID_OPTIONS text ("invalid option 'x', allowed options are: ..."). */
export const invalidOptionsText = (p: { names: string[]; allowed: string[]; optionType?: string }) =>
  `invalid ${p.optionType ? p.optionType + " " : ""}option${p.names.length > 1 ? "s:" : ""} ${quoteList(p.names)},` +
  (p.allowed.length ? ` allowed option${p.allowed.length > 1 ? "s are:" : " is"} ${quoteList(p.allowed)}` : " there are no options allowed");

/** pcs's INVALID_OPTION_VALUE text (a list of allowed values is sorted and quoted, no "or"). */
export const invalidValueText = (p: { name: string; value: string; allowed?: string | string[] }) =>
  `'${p.value}' is not a valid ${p.name} value${p.allowed && p.allowed.length ? `, use ${hint(p.allowed)}` : ""}`;

// resource / operation defaults
export const defaultsMessages = {
  DEFAULTS_CAN_BE_OVERRIDDEN: () => "Defaults do not apply to resources which override them with their own defined values",
  DEFAULTS_SET_NOT_FOUND: (p: { id: string }) => `options set '${p.id}' does not exist`,
  DEFAULTS_NOT_A_SET: (p: { id: string }) => `'${p.id}' is not an options set`,
  DEFAULTS_SET_OTHER_CONTEXT: (p: { tag: string; id: string; context: string }) => `${p.tag} '${p.id}' exists but does not belong to '${p.context}'`,
  DEFAULTS_INVALID_SET_OPTIONS: (p: { names: string[]; allowed: string[] }) => invalidOptionsText(p),
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
  PROPERTY_INVALID_OPTIONS: invalidOptionsText,
  PROPERTY_INVALID_OPTION_VALUE: invalidValueText,
  PROPERTY_CANNOT_REMOVE_NOT_PRESENT: (p: { names: string[]; setId: string }) =>
    `Cannot remove ${p.names.length > 1 ? "properties" : "property"} ${quoteList(p.names)}, ${p.names.length > 1 ? "they are" : "it is"} not present in property set '${p.setId}'`,
  CANNOT_CREATE_DEFAULT_CLUSTER_PROPERTY_SET: (p: { id: string }) =>
    `Cannot create default cluster_property_set element, ID '${p.id}' already exists. Find elements with the ID and remove them from cluster configuration.`,
  STONITH_WATCHDOG_TIMEOUT_CANNOT_BE_SET: () => "stonith-watchdog-timeout can only be unset or set to 0 while SBD is disabled",
  PROPERTY_METADATA_UNAVAILABLE: (p: { agent: string; reason: string }) =>
    `Agent '${p.agent}' is not installed or does not provide valid metadata: ${p.reason}`,
};
