const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
const BITS_PER_CHARACTER = 5;
/** Twelve characters already pin a point to a few centimetres; more only repeats rounding noise. */
const MAX_PRECISION = 12;

/**
 * The standard base32 geohash of a WGS 84 location, `precision` characters long: bits alternate
 * between longitude and latitude, longitude first, each halving the remaining range.
 */
export function geohash(latitude: number, longitude: number, precision: number): string {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw new RangeError(`precision must be a whole number from 1 to ${MAX_PRECISION}`);
  }
  if (!(Math.abs(latitude) <= 90)) throw new RangeError('latitude must be within -90..90');
  if (!(Math.abs(longitude) <= 180)) throw new RangeError('longitude must be within -180..180');

  const ranges = { longitude: [-180, 180], latitude: [-90, 90] };
  let hash = '';
  let character = 0;
  let bit = 0;
  let longitudeBit = true;
  while (hash.length < precision) {
    const [range, value] = longitudeBit
      ? [ranges.longitude, longitude]
      : [ranges.latitude, latitude];
    const middle = (range[0] + range[1]) / 2;
    if (value >= middle) {
      character = (character << 1) | 1;
      range[0] = middle;
    } else {
      character <<= 1;
      range[1] = middle;
    }
    longitudeBit = !longitudeBit;
    if (++bit === BITS_PER_CHARACTER) {
      hash += BASE32[character];
      character = 0;
      bit = 0;
    }
  }
  return hash;
}
