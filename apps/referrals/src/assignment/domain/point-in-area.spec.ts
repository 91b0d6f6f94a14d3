import type { LinearRing, ServiceArea } from '@concord/contracts';
import { areaContains } from './point-in-area';

/** A closed rectangular ring from [west, south] to [east, north]. */
const rectangle = (west: number, south: number, east: number, north: number): LinearRing => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];

const squareWithHole: ServiceArea = {
  type: 'Polygon',
  coordinates: [rectangle(0, 0, 10, 10), rectangle(4, 4, 6, 6)],
};

describe('areaContains', () => {
  it('a point inside the outer ring is inside', () => {
    expect(areaContains(squareWithHole, { latitude: 2, longitude: 2 })).toBe(true);
  });

  it('a point outside the outer ring is outside', () => {
    expect(areaContains(squareWithHole, { latitude: 2, longitude: 12 })).toBe(false);
  });

  it('a point in a hole is outside', () => {
    expect(areaContains(squareWithHole, { latitude: 5, longitude: 5 })).toBe(false);
  });

  it('a point in the second polygon of a multipolygon is inside', () => {
    const twoIslands: ServiceArea = {
      type: 'MultiPolygon',
      coordinates: [[rectangle(0, 0, 1, 1)], [rectangle(20, 20, 21, 21)]],
    };
    expect(areaContains(twoIslands, { latitude: 20.5, longitude: 20.5 })).toBe(true);
  });

  it('a point between the polygons of a multipolygon is outside', () => {
    const twoIslands: ServiceArea = {
      type: 'MultiPolygon',
      coordinates: [[rectangle(0, 0, 1, 1)], [rectangle(20, 20, 21, 21)]],
    };
    expect(areaContains(twoIslands, { latitude: 10, longitude: 10 })).toBe(false);
  });

  it('a point exactly on an edge counts as inside', () => {
    expect(areaContains(squareWithHole, { latitude: 3, longitude: 10 })).toBe(true);
  });

  it('a point on a vertex counts as inside', () => {
    expect(areaContains(squareWithHole, { latitude: 10, longitude: 0 })).toBe(true);
  });

  it('a point on the edge of a hole counts as inside', () => {
    expect(areaContains(squareWithHole, { latitude: 5, longitude: 4 })).toBe(true);
  });

  it('a point on a slanted edge counts as inside despite floating-point rounding', () => {
    const triangle: ServiceArea = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.3, 0],
          [0, 0.3],
          [0, 0],
        ],
      ],
    };
    expect(areaContains(triangle, { latitude: 0.2, longitude: 0.1 })).toBe(true);
  });

  it('a point in the notch of a concave area is outside', () => {
    const horseshoe: ServiceArea = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(areaContains(horseshoe, { latitude: 2, longitude: 1.5 })).toBe(false);
    expect(areaContains(horseshoe, { latitude: 2, longitude: 2.5 })).toBe(true);
  });

  it('positions are read as [longitude, latitude]', () => {
    const wideStrip: ServiceArea = { type: 'Polygon', coordinates: [rectangle(0, 0, 20, 5)] };
    expect(areaContains(wideStrip, { latitude: 2, longitude: 15 })).toBe(true);
    expect(areaContains(wideStrip, { latitude: 15, longitude: 2 })).toBe(false);
  });
});
