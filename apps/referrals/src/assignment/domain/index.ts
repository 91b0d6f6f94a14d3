export * from './assignment-engine';
export * from './geohash';
export * from './opening-hours';
export * from './partner';
export * from './point-in-area';
