/**
 * A GeoJSON service area (downtown Riverton, [longitude, latitude]) that the tests' referral
 * locations (around 45.52, -122.68) fall inside.
 */
export const DOWNTOWN = {
  type: 'Polygon',
  coordinates: [
    [
      [-122.75, 45.45],
      [-122.55, 45.45],
      [-122.55, 45.6],
      [-122.75, 45.6],
      [-122.75, 45.45],
    ],
  ],
};
