import { Notifications1763800000100 } from './1763800000100-notifications';

/**
 * The notifications database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const NOTIFICATIONS_MIGRATIONS = [Notifications1763800000100];
