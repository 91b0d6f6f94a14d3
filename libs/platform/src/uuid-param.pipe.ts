import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/**
 * Validates a path parameter as a UUID, answering 400 in the same shape as body validation:
 * `{ statusCode, error, message: ['<name> must be a UUID'] }`.
 */
export const uuidParam = (name = 'id'): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`${name} must be a UUID`],
      }),
  });
