// Messages of the status area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const status = {
  STATUS_UNKNOWN_VIEW: (p: { view: string }) => `Unknown status view '${p.view}'`,
  STATUS_RESOURCE_NOT_FOUND: (p: { id: string }) => `resource or tag id '${p.id}' not found`,
};
