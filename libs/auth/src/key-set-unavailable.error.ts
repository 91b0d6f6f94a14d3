/**
 * The remote key set could not be fetched or read. This is our fault, not the caller's, so it
 * must not surface as 401: a client would throw away a good token.
 */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';

  constructor(jwksUrl: string, cause: unknown) {
    super(`the JSON Web Key Set at ${jwksUrl} is unavailable`, { cause });
  }
}
