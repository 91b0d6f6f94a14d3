/**
 * The remote key set (or the provider metadata that names it) could not be fetched or read.
 * This is our fault, not the caller's, so it must not surface as 401: a client would throw away
 * a good token.
 */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';

  /** `source` names what could not be had, e.g. "the JSON Web Key Set at https://...". */
  constructor(source: string, cause: unknown) {
    super(`${source} is unavailable`, { cause });
  }
}
