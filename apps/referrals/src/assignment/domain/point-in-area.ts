import type { LinearRing, ServiceArea } from '@concord/contracts';

/** A WGS 84 location in degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/**
 * How far (in degrees, about a tenth of a millimetre) a point may lie from a ring's edge and still
 * count as on it: coordinates that went through JSON and floating-point arithmetic rarely land on
 * an edge exactly.
 */
const ON_EDGE_TOLERANCE = 1e-9;

/**
 * Whether the area covers the point. A point on a boundary (of an outer ring or of a hole) counts
 * as inside, so a service whose area borders another's serves the shared edge too. Positions are
 * compared as plane coordinates, which is what GeoJSON (RFC 7946) prescribes for areas that do not
 * cross the antimeridian.
 */
export function areaContains(area: ServiceArea, point: GeoPoint): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.some((rings) => polygonContains(rings, point));
}

function polygonContains([outer, ...holes]: LinearRing[], point: GeoPoint): boolean {
  if (outer === undefined) return false;
  if (onBoundary(outer, point) || holes.some((hole) => onBoundary(hole, point))) return true;
  return ringEncloses(outer, point) && !holes.some((hole) => ringEncloses(hole, point));
}

/** Even-odd rule: a ray going east from the point crosses the ring an odd number of times. */
function ringEncloses(ring: LinearRing, { latitude: y, longitude: x }: GeoPoint): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onBoundary(ring: LinearRing, point: GeoPoint): boolean {
  for (let i = 1; i < ring.length; i++) {
    if (distanceToSegment(point, ring[i - 1], ring[i]) <= ON_EDGE_TOLERANCE) return true;
  }
  return false;
}

function distanceToSegment(
  { latitude: py, longitude: px }: GeoPoint,
  [ax, ay]: [number, number],
  [bx, by]: [number, number],
): number {
  const [dx, dy] = [bx - ax, by - ay];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
