import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** `YYYY-MM-DD`; also says so in the JSON schema of the class (and so in the OpenAPI document). */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator => {
  const rule = register(
    'isIsoDate',
    (args) => `${args.property} must be a date YYYY-MM-DD`,
    isIsoDate,
    [],
    options,
  );
  return (target, propertyName) => {
    JSONSchema({ type: 'string', format: 'date' })(target, String(propertyName));
    rule(target, propertyName);
  };
};

/**
 * The property, a date, is not before the object's `earlier` date (`strictly`: after it). Passes
 * when either is missing or not a date, so that only their own rules speak then.
 */
export const IsNotBefore = (
  earlier: string,
  { strictly = false }: { strictly?: boolean } = {},
): PropertyDecorator =>
  register(
    strictly ? 'isAfter' : 'isNotBefore',
    (args) => `${args.property} must be ${strictly ? 'after' : 'on or after'} ${earlier}`,
    (value, args) => {
      const other = (args.object as Record<string, unknown>)[earlier];
      if (!isIsoDate(value) || !isIsoDate(other)) return true;
      return strictly ? value > other : value >= other;
    },
    [earlier],
  );
