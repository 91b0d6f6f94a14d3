import { Caller } from './caller';
import { ClaimMapping, claimValue, DEFAULT_CLAIM_MAPPING, roleFromClaim } from './claim-mapping';
import { ORGANIZATION_ROLES, ROLES } from './role';
import { TokenRejectedError } from './token-rejected.error';
import { isUuid } from './uuid.util';

/**
 * Reads the caller out of a verified token's claims, or throws TokenRejectedError naming the
 * claim that is wrong. Signature, issuer, audience and lifetime are checked before this.
 */
export function callerFromClaims(
  claims: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping = DEFAULT_CLAIM_MAPPING,
): Caller {
  const { sub } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new TokenRejectedError('token claim sub must be a non-empty string');
  }
  const role = roleFromClaim(claimValue(claims, mapping.roleClaim), mapping.roleMap);
  if (role === undefined) {
    const accepted = mapping.roleMap.size > 0 ? [...mapping.roleMap.keys()] : ROLES;
    throw new TokenRejectedError(
      `token claim ${mapping.roleClaim} must be one of ${accepted.join(', ')}`,
    );
  }
  const org = claimValue(claims, mapping.orgClaim);
  if (org === undefined) {
    if (ORGANIZATION_ROLES.includes(role)) {
      throw new TokenRejectedError(`token claim ${mapping.orgClaim} is required for role ${role}`);
    }
    return { subject: sub, role };
  }
  if (!isUuid(org)) {
    throw new TokenRejectedError(`token claim ${mapping.orgClaim} must be a UUID`);
  }
  return { subject: sub, role, organizationId: org };
}
