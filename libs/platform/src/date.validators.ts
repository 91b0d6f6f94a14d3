import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** A calendar date that exists (no 2025-02-30), as `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** An RFC 3339 date-time with an explicit offset (`Z` or `±HH:MM`), on a date that exists. */
export function isIsoDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    DATE_TIME.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

const register = (
  name: string,
  message: (args: ValidationArguments) => string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  constraints: unknown[] = [],
  options?: ValidationOptions,
): PropertyDecorator => {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      options: { message, ...options },
      validator: { validate },
    });
};

/** Also says so in the JSON schema of the class (and so in the OpenAPI document). */
const withFormat =
  (format: string, rule: PropertyDecorator): PropertyDecorator =>
  (target, propertyName) => {
    JSONSchema({ type: 'string', format })(target, String(propertyName));
    rule(target, propertyName);
  };

export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  withFormat(
    'date',
    register(
      'isIsoDate',
      (args) => `${args.property} must be a date YYYY-MM-DD`,
      isIsoDate,
      [],
      options,
    ),
  );

export const IsIsoDateTime = (options?: ValidationOptions): PropertyDecorator =>
  withFormat(
    'date-time',
    register(
      'isIsoDateTime',
      (args) =>
        `${args.property} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:00:00Z`,
      isIsoDateTime,
      [],
      options,
    ),
  );

/** Compares the property with the object's `earlier` one; passes when either is not a date. */
const comparedWith = (
  name: string,
  earlier: string,
  relation: string,
  holds: (later: number, before: number) => boolean,
  options?: ValidationOptions,
): PropertyDecorator =>
  register(
    name,
    (args) => `${args.property} must be ${relation} ${earlier}`,
    (value, args) => {
      const other = (args.object as Record<string, unknown>)[earlier];
      if (typeof value !== 'string' || typeof other !== 'string') return true;
      const [later, before] = [Date.parse(value), Date.parse(other)];
      return Number.isNaN(later) || Number.isNaN(before) || holds(later, before);
    },
    [earlier],
    options,
  );

/**
 * The property (a date or date-time) is later than the object's `earlier` property. Passes when
 * either is not a valid date, so that only the format rule speaks then.
 */
export const IsAfter = (earlier: string, options?: ValidationOptions): PropertyDecorator =>
  comparedWith('isAfter', earlier, 'after', (later, before) => later > before, options);

/** The property (a date or date-time) is the same as or later than the object's `earlier` one. */
export const IsNotBefore = (earlier: string, options?: ValidationOptions): PropertyDecorator =>
  comparedWith('isNotBefore', earlier, 'on or after', (later, before) => later >= before, options);
