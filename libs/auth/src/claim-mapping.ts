import { isRole, Role, ROLES } from './role';

/**
 * Where a token's issuer keeps the role and the organisation. Concord's own tokens use `role` and
 * `org`; an agency's identity provider has its own names (Keycloak `realm_access.roles`, Entra ID
 * `roles`) and its own role names, mapped here onto Concord's.
 */
export interface ClaimMapping {
  /** A claim name, or a dotted path into nested claims (`realm_access.roles`). */
  readonly roleClaim: string;
  /** A claim name, or a dotted path; its value must be the organisation's UUID. */
  readonly orgClaim: string;
  /**
   * Provider role name → Concord role. When not empty it is an allow-list: only the names it
   * lists count, so a provider role that happens to be called `admin` grants nothing unmapped.
   */
  readonly roleMap: ReadonlyMap<string, Role>;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  roleClaim: 'role',
  orgClaim: 'org',
  roleMap: new Map(),
};

export type RoleMapResult =
  | { readonly ok: true; readonly roleMap: ReadonlyMap<string, Role> }
  | { readonly ok: false; readonly error: string };

/** Reads `cad-client=dispatcher,case-worker=partner`; never throws. */
export function parseRoleMap(text: string): RoleMapResult {
  const roleMap = new Map<string, Role>();
  for (const entry of text.split(',').map((item) => item.trim())) {
    const [name, role, ...rest] = entry.split('=').map((part) => part.trim());
    if (!name || role === undefined || rest.length > 0) {
      return { ok: false, error: `"${entry}" is not name=role` };
    }
    if (!isRole(role)) {
      return { ok: false, error: `"${entry}" maps to ${role}, not one of ${ROLES.join(', ')}` };
    }
    if (roleMap.has(name) && roleMap.get(name) !== role) {
      return { ok: false, error: `${name} is mapped to two roles` };
    }
    roleMap.set(name, role);
  }
  return { ok: true, roleMap };
}

/**
 * The value of `claim` in `claims`: an exact claim name first (namespaced names such as
 * `https://concord.example/org` contain dots), otherwise a dotted path into nested objects.
 */
export function claimValue(claims: Readonly<Record<string, unknown>>, claim: string): unknown {
  if (Object.hasOwn(claims, claim)) return claims[claim];
  let value: unknown = claims;
  for (const segment of claim.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The first value of the role claim (a string or an array of strings) that is a Concord role. */
export function roleFromClaim(
  value: unknown,
  roleMap: ReadonlyMap<string, Role>,
): Role | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const role = roleMap.size > 0 ? roleMap.get(candidate) : candidate;
    if (isRole(role)) return role;
  }
  return undefined;
}
