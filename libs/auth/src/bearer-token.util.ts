import { TokenRejectedError } from './token-rejected.error';

/** The token from an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750). */
export function bearerTokenFrom(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw new TokenRejectedError('missing bearer token');
  }
  const match = typeof authorization === 'string' ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
  if (!match) {
    throw new TokenRejectedError("authorization header must be 'Bearer <token>'");
  }
  return match[1];
}
