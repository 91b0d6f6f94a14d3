/**
 * The notifications database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const NOTIFICATIONS_MIGRATIONS = [];
