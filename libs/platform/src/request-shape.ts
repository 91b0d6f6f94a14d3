import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

type Json = Record<string, unknown>;
type DtoClass = abstract new (...args: never[]) => unknown;

/** What a DTO property's declaration says its JSON must be. */
interface MemberShape {
  /** An array (`string[]`, `Service[]`), else a single value. */
  readonly array: boolean;
  /** Validated as nested DTOs (`@ValidateNested`): each one must be a JSON object. */
  readonly objects: boolean;
  /** The nested DTO class (`@Type`), whose own members are checked in turn. */
  readonly type?: DtoClass;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const shapes = new WeakMap<DtoClass, ReadonlyMap<string, MemberShape>>();

/**
 * The JSON shape of each validated member of a DTO, from its declarations: the TypeScript type
 * the compiler records (`design:type`), `@ValidateNested` and class-transformer's `@Type`.
 */
function memberShapes(dto: DtoClass): ReadonlyMap<string, MemberShape> {
  const known = shapes.get(dto);
  if (known) return known;
  const found = new Map<string, MemberShape>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  for (const property of new Set(metadata.map((rule) => rule.propertyName))) {
    const rules = metadata.filter((rule) => rule.propertyName === property);
    const nested = rules.find((rule) => rule.type === ValidationTypes.NESTED_VALIDATION);
    const declared: unknown = Reflect.getMetadata('design:type', dto.prototype, property);
    const type = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
    const array = declared === Array || nested?.each === true;
    if (!array && !nested) continue;
    found.set(property, {
      array,
      objects: nested !== undefined,
      type: typeof type === 'function' && nested ? (type as DtoClass) : undefined,
    });
  }
  shapes.set(dto, found);
  return found;
}

/**
 * Where a request body does not have the JSON shape its DTO declares, as messages naming the
 * field: an array where an object is declared, an object or a string where an array is, anything
 * but an object as an item of an array of objects. class-transformer and class-validator take an
 * array of objects for an object and validate its items instead (`"consent": []` passed as a
 * consent with nothing in it), so the shape is checked on the parsed JSON, before either runs.
 * Absent members are left to the DTO's own presence rules (`@IsOptional`, `@IsDefined`).
 */
export function shapeViolations(value: Json, dto: DtoClass, path = ''): string[] {
  const problems: string[] = [];
  for (const [property, shape] of memberShapes(dto)) {
    const member = value[property];
    if (member === undefined) continue;
    const field = path ? `${path}.${property}` : property;
    const inner = (item: unknown, itemField: string): void => {
      if (!isObject(item))
        problems.push(`${itemField} must be a JSON object, not ${describe(item)}`);
      else if (shape.type) problems.push(...shapeViolations(item, shape.type, itemField));
    };
    if (shape.array) {
      if (!Array.isArray(member)) {
        problems.push(`${field} must be an array, not ${describe(member)}`);
      } else if (shape.objects) {
        member.forEach((item: unknown, index) => inner(item, `${field}.${index}`));
      }
    } else {
      inner(member, field);
    }
  }
  return problems;
}
