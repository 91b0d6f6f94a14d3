import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';

const STATUS: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
};

const ERROR: Record<DomainErrorKind, string> = {
  invalid: 'Bad Request',
  'not-found': 'Not Found',
  conflict: 'Conflict',
  gone: 'Gone',
  unprocessable: 'Unprocessable Entity',
  forbidden: 'Forbidden',
  'too-many': 'Too Many Requests',
};

/** A domain error's status and code, as the audit trail records a handler's failure. */
export function describeDomainError(
  error: unknown,
): { status: number; reason: string } | undefined {
  return error instanceof DomainError
    ? { status: STATUS[error.kind], reason: error.code }
    : undefined;
}

/** The one place where domain errors become HTTP answers: `{ statusCode, error, code, message }`. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(STATUS[error.kind]).json({
      statusCode: STATUS[error.kind],
      error: ERROR[error.kind],
      code: error.code,
      message: error.message,
    });
  }
}
