/** The notifications service's public module: what scripts and other tools may import of it. */
export { NOTIFICATIONS_SERVICE } from './notifications.service-spec';
export { NOTIFICATIONS_EVENTS } from './events/notifications.events';
