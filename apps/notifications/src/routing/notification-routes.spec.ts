import { FundingEvents, ReferralEvents } from '@concord/contracts';
import { handledEvents } from '@concord/messaging';
import { NOTIFICATIONS_EVENTS } from '../events/notifications.events';
import { NOTIFICATION_ROUTES, routeOf, typesHeardBy } from './notification-routes';

/** The event types the notifications service's manifest has a handler for. */
const handledTypes = (): string[] => handledEvents(NOTIFICATIONS_EVENTS).map(({ type }) => type);

describe('the routing table', () => {
  it('has a handler for every event type it routes', () => {
    const handled = handledTypes();
    for (const { event } of NOTIFICATION_ROUTES) expect(handled).toContain(event.type);
  });

  it('tells dispatch of every status change of a referral: the closed loop', () => {
    const changes = Object.values(ReferralEvents).filter(
      (event) => event !== ReferralEvents.submitted,
    );
    for (const event of changes) expect(routeOf(event.type)?.listeners).toContain('agency');
  });

  it('tells the partner of an offer, and of its end before an answer', () => {
    for (const event of [
      ReferralEvents.assigned,
      ReferralEvents.offerExpired,
      ReferralEvents.offerWithdrawn,
    ]) {
      expect(routeOf(event.type)?.listeners).toContain('partner');
    }
  });

  it('tells a partner of an offer, its end and a cancellation, and nothing else', () => {
    expect(typesHeardBy('partner')).toEqual([
      ReferralEvents.assigned.type,
      ReferralEvents.offerExpired.type,
      ReferralEvents.offerWithdrawn.type,
      ReferralEvents.cancelled.type,
    ]);
  });

  it('tells dispatch of referral events only, and administrators of what they must act on', () => {
    expect(typesHeardBy('agency')).not.toContain(FundingEvents.exhausted.type);
    expect(typesHeardBy('agency')).toContain(ReferralEvents.accepted.type);
    expect(typesHeardBy('administrators').sort()).toEqual(
      [
        'concord.agreement.expiring.v1',
        'concord.budget.exhausted.v1',
        'concord.budget.threshold-reached.v1',
        'concord.referral.unassignable.v1',
      ].sort(),
    );
  });
});
