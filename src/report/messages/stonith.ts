// Messages of the stonith area (code -> text from payload). Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

export const stonith = {
  FENCING_INVALID_LEVEL: (p: { value: string }) => `'${p.value}' is not a valid level value, use a positive integer`,
  FENCING_REQUIRED_DEVICES_MISSING: () => "required option 'stonith devices' is missing",
  STONITH_RESOURCES_DO_NOT_EXIST: (p: { ids: string[] }) => `Stonith resource(s) ${quoteList(p.ids)} do not exist`,
  FENCING_NODE_NOT_FOUND: (p: { node: string }) => `Node '${p.node}' does not appear to exist in configuration`,
  FENCING_LEVEL_ALREADY_EXISTS: (p: { level: string; target: string; devices: string[] }) =>
    `Fencing level for '${p.target}' at level '${p.level}' with device(s) ${quoteList(p.devices)} already exists`,
  FENCING_LEVEL_DOES_NOT_EXIST: (p: { level: string; target: string; devices: string[] }) =>
    `Fencing level ${p.target ? `for '${p.target}' ` : ""}${p.level ? `at level '${p.level}' ` : ""}${p.devices.length ? `with device(s) ${quoteList(p.devices)} ` : ""}does not exist`,
  FENCING_TARGET_TYPE_INVALID: () => "specified target is not valid, use 'attribute_name=value', 'node', 'regular expression'",
};
