/** A token, or its absence, that does not authenticate the caller; the message says why. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}
