import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The platform's error shapes (libs/platform's OpenAPI document adds them to every document). */
export const REQUEST_ERROR_SCHEMA = { $ref: '#/components/schemas/RequestError' };
export const HTTP_ERROR_SCHEMA = { $ref: '#/components/schemas/HttpError' };
export const DOMAIN_ERROR_SCHEMA = { $ref: '#/components/schemas/DomainError' };

/**
 * What SessionGuard answers: 401 without a session (or, from the pass-through, when the service
 * no longer accepts its token), and 403 on a state-changing request without the CSRF token or
 * from another origin. Through the pass-through (`passesOn`), a 403 may also be the service's own.
 */
export const ApiSessionAnswers = (
  changesState: boolean,
  passesOn = false,
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiResponse({
      status: 401,
      description: 'No session, or it has ended: sign in again',
      schema: { anyOf: [HTTP_ERROR_SCHEMA, REQUEST_ERROR_SCHEMA] },
    }),
    ...(changesState
      ? [
          ApiResponse({
            status: 403,
            description: passesOn
              ? "X-CSRF-Token or Origin is missing or wrong (CSRF protection); or the service's own 403"
              : 'X-CSRF-Token or Origin is missing or wrong (CSRF protection)',
            schema: passesOn
              ? { anyOf: [HTTP_ERROR_SCHEMA, DOMAIN_ERROR_SCHEMA] }
              : HTTP_ERROR_SCHEMA,
          }),
        ]
      : []),
  );
