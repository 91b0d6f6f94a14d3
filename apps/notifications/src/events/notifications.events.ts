import { NotificationEvents, ReferralEvents } from '@concord/contracts';
import { eventManifest } from '@concord/messaging';
import { NotificationFanOut } from '../delivery/notification-fan-out.service';
import { RecipientDirectory } from '../routing/recipient-directory.service';
import { NOTIFICATION_ROUTES } from '../routing/notification-routes';

/**
 * What the notifications service handles: referral.submitted feeds the referral → agency
 * projection; every event of the routing table (routing/notification-routes.ts) becomes
 * notifications for whoever it names. It publishes notification.delivered and
 * notification.failed through its outbox (DeliveryLedger).
 */
export const NOTIFICATIONS_EVENTS = eventManifest({
  service: 'notifications',
  publishes: Object.values(NotificationEvents),
  uses: { directory: RecipientDirectory, fanOut: NotificationFanOut },
  handles: (on) => [
    on(ReferralEvents.submitted, ({ directory }, event, context) =>
      directory.recordSubmission(context.manager, event),
    ),
    on(
      NOTIFICATION_ROUTES.map((route) => route.event),
      ({ fanOut }, event, { manager, envelope }) => fanOut.notify(manager, envelope, event),
    ),
  ],
});
