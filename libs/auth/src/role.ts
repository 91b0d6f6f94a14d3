/** What a caller may do is decided by exactly one of these, carried in the token's `role` claim. */
export const ROLES = ['dispatcher', 'partner', 'admin', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that act for one organisation, so their token must say which (`org` claim). */
export const ORGANIZATION_ROLES: readonly Role[] = ['dispatcher', 'partner'];
