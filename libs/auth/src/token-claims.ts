import { Caller } from './caller';
import { isRole, ORGANIZATION_ROLES, ROLES } from './role';
import { TokenRejectedError } from './token-rejected.error';
import { isUuid } from './uuid.util';

/**
 * Reads the caller out of a verified token's claims, or throws TokenRejectedError naming the
 * claim that is wrong. Signature, issuer, audience and lifetime are checked before this.
 */
export function callerFromClaims(claims: Readonly<Record<string, unknown>>): Caller {
  const { sub, role, org } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new TokenRejectedError('token claim sub must be a non-empty string');
  }
  if (!isRole(role)) {
    throw new TokenRejectedError(`token claim role must be one of ${ROLES.join(', ')}`);
  }
  if (org === undefined) {
    if (ORGANIZATION_ROLES.includes(role)) {
      throw new TokenRejectedError(`token claim org is required for role ${role}`);
    }
    return { subject: sub, role };
  }
  if (!isUuid(org)) {
    throw new TokenRejectedError('token claim org must be a UUID');
  }
  return { subject: sub, role, organizationId: org };
}
