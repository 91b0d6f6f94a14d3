import { Position, ServiceArea } from '../admin-types';

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Whether `code` can be a geohash (insights answers "unknown" for a referral without one). */
export const isGeohash = (code: string): boolean => /^[0-9b-hjkmnp-z]{1,12}$/.test(code);

/** The cell a geohash names, as bounds; throws on a character outside geohash's alphabet. */
export function geohashBounds(hash: string): Bounds {
  let [west, east, south, north] = [-180, 180, -90, 90];
  let longitude = true;
  for (const character of hash.toLowerCase()) {
    const value = BASE32.indexOf(character);
    if (value < 0) throw new Error(`"${hash}" is not a geohash`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = ((value >> bit) & 1) === 1;
      if (longitude) {
        const middle = (west + east) / 2;
        if (on) west = middle;
        else east = middle;
      } else {
        const middle = (south + north) / 2;
        if (on) south = middle;
        else north = middle;
      }
      longitude = !longitude;
    }
  }
  return [west, south, east, north];
}

/** The rings of a Polygon or MultiPolygon: each polygon's outer ring, then its holes. */
export const polygonsOf = (area: ServiceArea): Position[][][] =>
  area.type === 'Polygon' ? [area.coordinates] : area.coordinates;

export function boundsOf(positions: Iterable<Position>): Bounds | null {
  let bounds: Bounds | null = null;
  for (const [longitude, latitude] of positions) {
    bounds = bounds
      ? [
          Math.min(bounds[0], longitude),
          Math.min(bounds[1], latitude),
          Math.max(bounds[2], longitude),
          Math.max(bounds[3], latitude),
        ]
      : [longitude, latitude, longitude, latitude];
  }
  return bounds;
}

export const cornersOf = ([west, south, east, north]: Bounds): Position[] => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
];

/**
 * An equirectangular projection fitted to `bounds` in a `width`-wide frame, longitudes shrunk
 * by the cosine of the middle latitude so that a city's shapes are not stretched.
 */
export function projection(bounds: Bounds, width: number) {
  const [west, south, east, north] = bounds;
  const squash = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * squash, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const margin = 0.06;
  const scale = width / (spanX * (1 + 2 * margin));
  const height = Math.ceil(spanY * (1 + 2 * margin) * scale);
  const offsetX = spanX * margin * scale;
  const offsetY = spanY * margin * scale;
  const point = ([longitude, latitude]: Position): [number, number] => [
    offsetX + (longitude - west) * squash * scale,
    offsetY + (north - latitude) * scale,
  ];
  const path = (rings: Position[][]): string =>
    rings
      .map(
        (ring) =>
          ring
            .map((position, index) => {
              const [x, y] = point(position);
              return `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
            })
            .join('') + 'Z',
      )
      .join('');
  /** The position under a point of the frame: the inverse of `point`. */
  const position = (x: number, y: number): Position => [
    west + (x - offsetX) / (squash * scale),
    north - (y - offsetY) / scale,
  ];
  return { width, height, point, path, position };
}
