/** How a domain error reads over HTTP; mapped to a status code in one place (DomainErrorFilter). */
export type DomainErrorKind =
  'invalid' | 'not-found' | 'conflict' | 'gone' | 'unprocessable' | 'forbidden' | 'too-many';

/**
 * A rule of the domain said no. `code` is stable and machine-readable (`AGREEMENT_NOT_ACTIVE`);
 * `message` tells a person what is wrong and, where it can, what the current state is.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string): DomainError =>
  new DomainError('not-found', code, message);

export const conflict = (code: string, message: string): DomainError =>
  new DomainError('conflict', code, message);

export const unprocessable = (code: string, message: string): DomainError =>
  new DomainError('unprocessable', code, message);

export const forbidden = (code: string, message: string): DomainError =>
  new DomainError('forbidden', code, message);

/** A request that is well-formed JSON but carries something this service never issued. */
export const invalid = (code: string, message: string): DomainError =>
  new DomainError('invalid', code, message);

/** What the request names existed, and no longer takes requests (a closed survey). */
export const gone = (code: string, message: string): DomainError =>
  new DomainError('gone', code, message);

/** A limit of the domain (not the per-minute request limit) has been reached for now. */
export const tooMany = (code: string, message: string): DomainError =>
  new DomainError('too-many', code, message);
