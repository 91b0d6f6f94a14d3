/** The console service's public module: what scripts and other tools may import of it. */
export { CONSOLE_SERVICE } from './console.service-spec';
export { CONSOLE_EVENTS } from './events/console.events';
