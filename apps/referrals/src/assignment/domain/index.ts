export * from './assignment-engine';
export * from './geohash';
export * from './opening-hours';
export * from './point-in-area';
