import { geohash } from './geohash';

describe('geohash', () => {
  it.each([
    [57.64911, 10.40744, 11, 'u4pruydqqvj'],
    [42.6, -5.6, 5, 'ezs42'],
    [0, 0, 1, 's'],
    [-90, -180, 4, '0000'],
    [90, 180, 4, 'zzzz'],
  ])('encodes %d, %d at precision %d as %s', (latitude, longitude, precision, expected) => {
    expect(geohash(latitude, longitude, precision)).toBe(expected);
  });

  it('a shorter hash is a prefix of a longer one for the same point', () => {
    expect(geohash(41.8781, -87.6298, 12).startsWith(geohash(41.8781, -87.6298, 5))).toBe(true);
  });

  it.each([0, 13, 2.5])('refuses precision %d', (precision) => {
    expect(() => geohash(0, 0, precision)).toThrow(RangeError);
  });

  it.each([
    [91, 0],
    [0, -181],
    [Number.NaN, 0],
  ])('refuses the position %d, %d', (latitude, longitude) => {
    expect(() => geohash(latitude, longitude, 5)).toThrow(RangeError);
  });
});
