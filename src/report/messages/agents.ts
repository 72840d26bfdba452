// Messages of the agents area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

const optional = (text: string | undefined): string => (text ? `${text} ` : "");
const orList = (items: readonly string[]): string => quoteList(items, "or");

export const agents = {
  AGENT_NAME_GUESSED: (p: { entered: string; guessed: string }) => `Assumed agent name '${p.guessed}' (deduced from '${p.entered}')`,
  AGENT_NAME_GUESS_FOUND_MORE_THAN_ONE: (p: { agent: string; names: string[] }) =>
    `Multiple agents match '${p.agent}', please specify full name: ${orList(p.names)}`,
  AGENT_NAME_GUESS_FOUND_NONE: (p: { agent: string }) => `Unable to find agent '${p.agent}', try specifying its full name`,
  INVALID_RESOURCE_AGENT_NAME: (p: { name: string }) =>
    `Invalid resource agent name '${p.name}'. Use standard:provider:type when standard is 'ocf' or standard:type otherwise. ` +
    "List of standards and providers can be obtained by using commands 'pcs resource standards' and 'pcs resource providers'.",
  INVALID_STONITH_AGENT_NAME: (p: { name: string }) =>
    `Invalid stonith agent name '${p.name}'. Agent name cannot contain the ':' character, do not use the 'stonith:' prefix. ` +
    "List of agents can be obtained by using command 'pcs stonith list'.",
  UNABLE_TO_GET_AGENT_METADATA: (p: { agent: string; reason: string }) =>
    `Agent '${p.agent}' is not installed or does not provide valid metadata: ${p.reason}`,
  AGENT_IMPLEMENTS_UNSUPPORTED_OCF_VERSION: (p: { agent: string; version: string; supported: string[] }) =>
    `Unable to process agent '${p.agent}' as it implements unsupported OCF version '${p.version}', supported version${p.supported.length > 1 ? "s are" : " is"}: ${quoteList(p.supported)}`,
  AGENT_GENERIC_ERROR: (p: { agent: string }) => `Unable to load agent '${p.agent}'`,
  RESOURCE_OPERATION_INTERVAL_DUPLICATION: (p: { duplications: [string, string[][]][] }) =>
    "multiple specification of the same operation with the same interval:\n" +
    p.duplications.flatMap(([name, lists]) => lists.map((l) => `${name} with intervals ${l.join(", ")}`)).join("\n"),
  RESOURCE_OPERATION_INTERVAL_ADAPTED: (p: { name: string; original: string; adapted: string }) =>
    `changing a ${p.name} operation interval from ${p.original} to ${p.adapted} to make the operation unique`,
  DEPRECATED_OPTION: (p: { option: string; replacedBy: string[]; optionType?: string }) =>
    `${optional(p.optionType)}option '${p.option}' is deprecated and should not be used, use ${quoteList(p.replacedBy)} instead`,
  REQUIRED_OPTION_OF_ALTERNATIVES_IS_MISSING: (p: { names: string[]; deprecated: string[]; optionType?: string }) => {
    const items = p.names
      .map((n) => [p.deprecated.includes(n) ? 1 : 0, n] as const)
      .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .map(([d, n]) => (d ? `'${n}' (deprecated)` : `'${n}'`));
    const list = items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
    return `${optional(p.optionType)}option ${list} has to be specified`;
  },
  RESOURCE_INSTANCE_ATTR_VALUE_NOT_UNIQUE: (p: { name: string; value: string; agent: string; resources: string[] }) =>
    `Value '${p.value}' of option '${p.name}' is not unique across '${p.agent}' resources. Following resources are configured with the same value of the instance attribute: ${quoteList(p.resources)}`,
  RESOURCE_INSTANCE_ATTR_GROUP_VALUE_NOT_UNIQUE: (p: { group: string; pairs: [string, string][]; agent: string; resources: string[] }) => {
    const sorted = [...p.pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `Value ${quoteList(sorted.map(([, v]) => v), undefined, false)} of option${sorted.length > 1 ? "s" : ""} ${quoteList(sorted.map(([n]) => n), undefined, false)} (group '${p.group}') is not unique across '${p.agent}' resources. Following resources are configured with the same values of the instance attributes: ${quoteList(p.resources)}`;
  },
  AGENT_SELF_VALIDATION_RESULT: (p: { result: string }) =>
    `Validation result from agent:\n${p.result.split("\n").filter((l, i, all) => l || i < all.length - 1).map((l) => `  ${l}`).join("\n")}`,
  AGENT_SELF_VALIDATION_INVALID_DATA: (p: { reason: string }) => `Invalid validation data from agent: ${p.reason}`,
  AGENT_SELF_VALIDATION_SKIPPED_UPDATED_RESOURCE_MISCONFIGURED: (p: { result: string }) =>
    `The resource was misconfigured before the update, therefore agent self-validation will not be run for the updated configuration. Validation output of the original configuration:\n${p.result.split("\n").map((l) => `  ${l}`).join("\n")}`,
  AGENT_SELF_VALIDATION_AUTO_ON_WITH_WARNINGS: () =>
    "Validating resource options using the resource agent itself is enabled by default and produces warnings. In a future version, this might be changed to errors. Specify --agent-validation to switch to the future behavior.",
  USE_COMMAND_NODE_ADD_REMOTE: () => "this command is not sufficient for creating a remote connection, use 'pcs cluster node add-remote'",
  USE_COMMAND_NODE_ADD_GUEST: () => "this command is not sufficient for creating a guest node, use 'pcs cluster node add-guest'",
  USE_COMMAND_NODE_REMOVE_GUEST: () => "this command is not sufficient for removing a guest node, use 'pcs cluster node remove-guest'",
  CIB_UPGRADE_SUCCESSFUL: () => "CIB has been upgraded to the latest schema version.",
  WAIT_FOR_IDLE_NOT_LIVE_CLUSTER: () => "Cannot use '-f' together with '--wait'",
  WAIT_NOT_POSSIBLE_WITH_MOCKED_CIB: () => "Cannot use 'mocked CIB' together with 'wait'",
  CIB_UPGRADED_LEGACY: () => "Cluster CIB has been upgraded to latest version",
  MUTUALLY_EXCLUSIVE_OPTIONS_TYPED: (p: { options: string[]; optionType?: string }) =>
    `Only one of ${optional(p.optionType)}options ${quoteList(p.options, "and")} can be used`,
  INVALID_OPTION_VALUE_EMPTY: (p: { name: string }) => `${p.name} cannot be empty`,
};
