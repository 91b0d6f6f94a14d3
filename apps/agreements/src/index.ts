/** The agreements service's public module: what scripts and other tools may import of it. */
export { AGREEMENTS_SERVICE } from './agreements.service-spec';
export { AGREEMENTS_EVENTS } from './events/agreements.events';
