// Pacemaker role names: Promoted/Unpromoted (new) and Master/Slave (legacy, still accepted).
export const ROLE_STARTED = "Started";
export const ROLE_STOPPED = "Stopped";
export const ROLE_PROMOTED = "Promoted";
export const ROLE_UNPROMOTED = "Unpromoted";
export const ROLE_PROMOTED_LEGACY = "Master";
export const ROLE_UNPROMOTED_LEGACY = "Slave";
export const ALL_ROLES = [ROLE_STOPPED, ROLE_STARTED, ROLE_PROMOTED, ROLE_PROMOTED_LEGACY, ROLE_UNPROMOTED, ROLE_UNPROMOTED_LEGACY];

export function primaryRole(role: string): string {
  if (role === ROLE_PROMOTED || role === ROLE_PROMOTED_LEGACY) return ROLE_PROMOTED;
  if (role === ROLE_UNPROMOTED || role === ROLE_UNPROMOTED_LEGACY) return ROLE_UNPROMOTED;
  return role;
}

/** The role as the CIB should hold it: new names only from schema pacemaker-3.7 on. */
export function roleForCib(role: string, newNamesSupported: boolean): string {
  if (newNamesSupported) return primaryRole(role);
  if (role === ROLE_PROMOTED || role === ROLE_PROMOTED_LEGACY) return ROLE_PROMOTED_LEGACY;
  if (role === ROLE_UNPROMOTED || role === ROLE_UNPROMOTED_LEGACY) return ROLE_UNPROMOTED_LEGACY;
  return role;
}
