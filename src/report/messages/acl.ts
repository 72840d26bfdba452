// Messages of the acl area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const acl = {
  CIB_ACL_ROLE_IS_ALREADY_ASSIGNED_TO_TARGET: (p: { roleId: string; targetId: string }) =>
    `Role '${p.roleId}' is already assigned to '${p.targetId}'`,
  CIB_ACL_ROLE_IS_NOT_ASSIGNED_TO_TARGET: (p: { roleId: string; targetId: string }) =>
    `Role '${p.roleId}' is not assigned to '${p.targetId}'`,
  CIB_ACL_TARGET_ALREADY_EXISTS: (p: { targetId: string }) => `'${p.targetId}' already exists`,
};
