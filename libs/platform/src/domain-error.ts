/** How a domain error reads over HTTP; mapped to a status code in one place (DomainErrorFilter). */
export type DomainErrorKind = 'not-found' | 'conflict' | 'unprocessable' | 'forbidden';

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
