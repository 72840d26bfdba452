// Messages of the acl area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const acl = {};
