/** The funding service's public module: what scripts and other tools may import of it. */
export { FUNDING_SERVICE } from './funding.service-spec';
export { FUNDING_EVENTS } from './events/funding.events';
