import { Caller } from './caller';

/**
 * The organisation whose objects the caller may reach, or `null` for the programme-wide roles
 * (admin, auditor) who may reach every organisation's. Every read of an organisation-owned
 * object goes through this, so that "scope the query to the caller" is written once.
 */
export function organizationScopeOf(caller: Caller): string | null {
  if (caller.role === 'admin' || caller.role === 'auditor') return null;
  if (!caller.organizationId) {
    // callerFromClaims refuses such a token, so this is a wiring mistake, never a caller's.
    throw new Error(`a ${caller.role} caller has no organisation`);
  }
  return caller.organizationId;
}

/** Whether the caller may reach an object owned by `ownerIds` (any of them, e.g. both parties). */
export function mayReach(caller: Caller, ...ownerIds: readonly (string | null)[]): boolean {
  const scope = organizationScopeOf(caller);
  return scope === null || ownerIds.includes(scope);
}
