export * from './tracing-settings';
export * from './tracing';
export * from './message-tracing';
export * from './metrics';
export * from './http-route';
