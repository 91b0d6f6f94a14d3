import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

const flatten = (errors: ValidationError[], path = ''): string[] =>
  errors.flatMap((error) => {
    const field = path ? `${path}.${error.property}` : error.property;
    return [
      ...Object.values(error.constraints ?? {}).map((message) =>
        message.startsWith(error.property)
          ? message.replace(error.property, field)
          : `${field}: ${message}`,
      ),
      ...flatten(error.children ?? [], field),
    ];
  });

/**
 * Request validation for every service: unknown fields are refused (no mass assignment) and the
 * 400 answer lists, for each problem, the field and the rule it broke.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flatten(errors) }),
  });
}
