export * from './services';
export * from './eventually';
export * from './service-process';
export * from './webhook-receiver';
export * from './concord-client';
export * from './programme';
export * from './csv-reader';
