// Messages of the node area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const node = {
  NODE_NOT_IN_CIB: (p: { node: string }) => `Unable to find a node: ${p.node}`,
  NODE_ATTRIBUTE_MISSING: (p: { name: string; node: string }) => `attribute: '${p.name}' doesn't exist for node: '${p.node}'`,
  NODE_ATTRIBUTE_CANNOT_SET: (p: { name: string; node: string }) =>
    `unable to set attribute ${p.name}\ncrm_attribute: Could not map name=${p.node} to a UUID\n`,
  NODE_UTILIZATION_NOT_INTEGER: (p: { name: string; value: string }) => `Value of utilization attribute must be integer: '${p.name}=${p.value}'`,
};
