/** The referrals service's public module: what scripts and other tools may import of it. */
export { REFERRALS_SERVICE } from './referrals.service-spec';
export { REFERRALS_EVENTS } from './events/referrals.events';
export { rotateKeyCommand } from './personal-data/rotate-key.command';
