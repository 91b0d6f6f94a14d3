import { createHash } from 'node:crypto';

/**
 * Concord's own name-space for derived HSDS ids. Changing it would change every schedule,
 * service area, attribute and taxonomy id a consumer has already stored.
 */
export const CONCORD_HSDS_NAMESPACE = 'd03eeb59-fba2-4610-9ded-ae1c825e0895';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An RFC 9562 version-5 (SHA-1, name-based) uuid of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new TypeError(`namespace ${namespace} is not a uuid`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The same uuid for the same parts on every export, so that a consumer sees a derived record
 * (a schedule, an attribute, a taxonomy term) as the same record each time. The parts are
 * JSON-encoded as a list so that ('a-b', 'c') and ('a', 'b-c') cannot collide.
 */
export function stableUuid(...parts: string[]): string {
  return uuidV5(CONCORD_HSDS_NAMESPACE, JSON.stringify(parts));
}
