/// <reference types="jest" />
import { geohashBounds, projection } from './geo';

describe('the map geometry', () => {
  it('decodes a geohash to the cell it names', () => {
    // "c20f" is over Portland, Oregon: longitude ~-122.7, latitude ~45.5.
    const [west, south, east, north] = geohashBounds('c20f');
    expect(west).toBeLessThan(-122.5);
    expect(east).toBeGreaterThan(-123);
    expect(south).toBeLessThan(45.6);
    expect(north).toBeGreaterThan(45.3);
    expect(east - west).toBeCloseTo(0.3515625, 6);
    expect(north - south).toBeCloseTo(0.17578125, 6);
  });

  it('refuses a character outside the geohash alphabet', () => {
    expect(() => geohashBounds('c2a')).toThrow('"c2a" is not a geohash');
  });

  it('projects north up and west left, inside the frame', () => {
    const { point, height } = projection([-123, 45, -122, 46], 600);
    const [westX, northY] = point([-123, 46]);
    const [eastX, southY] = point([-122, 45]);
    expect(westX).toBeLessThan(eastX);
    expect(northY).toBeLessThan(southY);
    for (const value of [westX, eastX]) expect(value).toBeGreaterThan(0);
    expect(eastX).toBeLessThan(600);
    expect(southY).toBeLessThan(height);
  });
});
