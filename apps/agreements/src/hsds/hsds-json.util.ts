/** Narrowing and path helpers shared by the HSDS reader and validator, which both take `unknown`. */

export type JsonObject = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any RFC 9562 uuid, whatever its version: HSDS's `format: uuid` asks no more. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

/** `path.field`, or `field` at the top of a record. */
export const fieldPath = (path: string, field: string): string =>
  path === '' ? field : `${path}.${field}`;

export const itemPath = (path: string, index: number): string => `${path}.${index}`;

/** A value as a message can quote it: short, and never the whole of a large document. */
export function quoted(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Whether the runtime's time-zone database knows `zone` (the IANA names Concord stores). */
export function isIanaTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
