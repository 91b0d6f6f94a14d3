import { registerDecorator } from 'class-validator';

/**
 * A member that may be sent only while `condition` holds of the object it belongs to — an
 * override of consent only when consent was not obtained, say — refused by name otherwise
 * (`consent.override must be sent only when consent.obtained is false`). Whether it must be sent
 * when the condition holds is for the member's other rules. A member that a `@ValidateIf` skips
 * is not checked, so the member's `@ValidateIf` must let a sent value through.
 */
export function SentOnlyWhen<T extends object>(
  condition: (object: T) => boolean,
  when: string,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'sentOnlyWhen',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args) => `${args.property} must be sent only when ${when}` },
      validator: {
        validate: (value: unknown, args) => value === undefined || condition(args?.object as T),
      },
    });
}
