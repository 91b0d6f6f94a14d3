import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The platform's error shapes (libs/platform's OpenAPI document adds them to every document). */
export const REQUEST_ERROR_SCHEMA = { $ref: '#/components/schemas/RequestError' };
export const HTTP_ERROR_SCHEMA = { $ref: '#/components/schemas/HttpError' };

/**
 * What SessionGuard answers: 401 without a session (or, from the pass-through, when the service
 * no longer accepts its token), and 403 on a state-changing request without the CSRF token or
 * from another origin.
 */
export const ApiSessionAnswers = (changesState: boolean): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiResponse({
      status: 401,
      description: 'No session, or it has ended: sign in again',
      schema: { oneOf: [HTTP_ERROR_SCHEMA, REQUEST_ERROR_SCHEMA] },
    }),
    ...(changesState
      ? [
          ApiResponse({
            status: 403,
            description: 'X-CSRF-Token or Origin is missing or wrong (CSRF protection)',
            schema: HTTP_ERROR_SCHEMA,
          }),
        ]
      : []),
  );
