import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { shapeViolations } from './request-shape';

const flatten = (errors: ValidationError[], path = ''): string[] =>
  errors.flatMap((error) => {
    const field = path ? `${path}.${error.property}` : error.property;
    return [
      ...Object.entries(error.constraints ?? {}).map(([rule, message]) =>
        // class-validator says "property 0 should not exist", unreadable for "" or " ".
        rule === 'whitelistValidation'
          ? `property ${JSON.stringify(field)} must not be sent: it is not a field of this request`
          : message.startsWith(error.property)
            ? message.replace(error.property, field)
            : `${field}: ${message}`,
      ),
      ...flatten(error.children ?? [], field),
    ];
  });

const badRequest = (message: string[]): BadRequestException =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message });

// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The fields (dotted paths) of `value` holding a string PostgreSQL cannot store: a NUL or half a
 * surrogate pair is valid JSON, and would otherwise fail deep in the database as a 500.
 */
function unstorableStrings(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [path] : [];
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    unstorableStrings(item, path ? `${path}.${key}` : key, depth + 1),
  );
}

const PART: Record<ArgumentMetadata['type'], string> = {
  body: 'body',
  query: 'query',
  param: 'path parameter',
  custom: 'value',
};

/**
 * Request validation for every service: unknown fields are refused (no mass assignment) and the
 * 400 answer lists, for each problem, the field and the rule it broke. Before the DTO's rules, it
 * refuses a body that is not a JSON object where a DTO expects one, a member of the wrong JSON
 * shape (an array for an object, an object for an array, a non-object among nested objects: see
 * request-shape.ts), and any string (at any depth, in body, query or path) that the database
 * could not store.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const part = PART[metadata.type];
    // Express 5 leaves the body undefined when none was sent: read it as an empty object, so that
    // a body whose fields are all optional may be left out and the DTO's rules name what is missing.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw badRequest([
          `body must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`,
        ]);
      }
      const misshapen = shapeViolations(value as Record<string, unknown>, metadata.metatype);
      if (misshapen.length > 0) throw badRequest(misshapen);
    }
    const unstorable = unstorableStrings(
      value,
      metadata.type === 'param' ? (metadata.data ?? '') : '',
    );
    if (unstorable.length > 0) {
      throw badRequest(
        unstorable.map(
          (field) =>
            `${field || part} must not contain NUL characters or unpaired surrogates (${part})`,
        ),
      );
    }
    return super.transform(value, metadata);
  }
}

export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}
