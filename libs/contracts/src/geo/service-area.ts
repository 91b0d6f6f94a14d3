import { registerDecorator, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** A GeoJSON position: [longitude, latitude] in WGS 84 (RFC 7946). */
export type Position = [number, number];
/** A linear ring: closed (first position = last) and at least four positions long. */
export type LinearRing = Position[];

export interface PolygonArea {
  type: 'Polygon';
  /** The outer ring first, then any holes. */
  coordinates: LinearRing[];
}

export interface MultiPolygonArea {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

/** Where a service works: a GeoJSON Polygon or MultiPolygon geometry. */
export type ServiceArea = PolygonArea | MultiPolygonArea;

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'number' &&
  typeof value[1] === 'number' &&
  Math.abs(value[0]) <= 180 &&
  Math.abs(value[1]) <= 90;

const isRing = (value: unknown): value is LinearRing => {
  if (!Array.isArray(value) || value.length < 4 || !value.every(isPosition)) return false;
  const [first, last] = [value[0] as Position, value[value.length - 1] as Position];
  return first[0] === last[0] && first[1] === last[1];
};

const isPolygon = (value: unknown): value is LinearRing[] =>
  Array.isArray(value) && value.length >= 1 && value.every(isRing);

const MAX_POSITIONS = 50_000;

const countPositions = (area: ServiceArea): number =>
  (area.type === 'Polygon' ? [area.coordinates] : area.coordinates)
    .flat()
    .reduce((sum, ring) => sum + ring.length, 0);

export function isServiceArea(value: unknown): value is ServiceArea {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const shaped =
    (type === 'Polygon' && isPolygon(coordinates)) ||
    (type === 'MultiPolygon' &&
      Array.isArray(coordinates) &&
      coordinates.length >= 1 &&
      coordinates.every(isPolygon));
  return (
    shaped &&
    Object.keys(value).every((key) => key === 'type' || key === 'coordinates') &&
    countPositions(value as ServiceArea) <= MAX_POSITIONS
  );
}

/**
 * The property is a GeoJSON Polygon or MultiPolygon (RFC 7946): rings closed, of at least four
 * [longitude, latitude] positions, at most 50,000 positions in all.
 */
export function IsServiceArea(options?: ValidationOptions): PropertyDecorator {
  const describe = JSONSchema(() => SERVICE_AREA_SCHEMA);
  return (target: object, propertyName: string | symbol) => {
    describe(target, String(propertyName));
    registerDecorator({
      name: 'isServiceArea',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args) =>
          `${args.property} must be a GeoJSON Polygon or MultiPolygon: closed rings of at least 4 [longitude, latitude] positions, at most ${MAX_POSITIONS} in all`,
        ...options,
      },
      validator: { validate: (value: unknown) => isServiceArea(value) },
    });
  };
}

/** How a service area reads in JSON Schema (AsyncAPI and OpenAPI documents). */
const SERVICE_AREA_SCHEMA = {
  type: 'object' as const,
  description: 'A GeoJSON (RFC 7946) Polygon or MultiPolygon of [longitude, latitude] positions.',
  required: ['type', 'coordinates'],
  additionalProperties: false,
  properties: {
    type: { type: 'string' as const, enum: ['Polygon', 'MultiPolygon'] },
    coordinates: {
      type: 'array' as const,
      description:
        'Polygon: rings, each closed and of at least four [longitude, latitude] positions; MultiPolygon: a list of those.',
    },
  },
};
