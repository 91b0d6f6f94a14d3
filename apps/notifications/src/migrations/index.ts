import { Notifications1763800000100 } from './1763800000100-notifications';
import { DeliveriesNotify1765000000100 } from './1765000000100-deliveries-notify';
import { NotificationTrace1765300000200 } from './1765300000200-notification-trace';

/**
 * The notifications database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const NOTIFICATIONS_MIGRATIONS = [
  Notifications1763800000100,
  DeliveriesNotify1765000000100,
  NotificationTrace1765300000200,
];
