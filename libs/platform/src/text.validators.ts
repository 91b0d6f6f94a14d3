import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength, registerDecorator } from 'class-validator';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL, or half of a surrogate pair, is valid JSON but PostgreSQL cannot store it. */
const isStorable = (text: string): boolean =>
  !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);

function IsStorableText(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args) =>
          `${args.property} must not contain NUL characters or unpaired surrogates`,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isStorable(value),
      },
    });
}

/** Free text a person typed: a non-empty string of at most `maxLength` storable characters. */
export const IsText = (maxLength: number): PropertyDecorator =>
  applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength), IsStorableText());
