import { ReferralEvents } from '@concord/contracts';
import { eventManifest } from '@concord/messaging';
import { projectReferralEvent } from '../live/referral-changes.projection';

/**
 * What the console handles: every referral event, to tell the browsers that may see that
 * referral that it changed (referral.submitted and referral.assigned also say whose it is). It
 * publishes nothing.
 */
export const CONSOLE_EVENTS = eventManifest({
  service: 'console',
  handles: (on) => [
    on(ReferralEvents.submitted, (_uses, event, { manager, envelope }) =>
      projectReferralEvent(manager, envelope, { agencyId: event.agencyId }),
    ),
    on(ReferralEvents.assigned, (_uses, event, { manager, envelope }) =>
      projectReferralEvent(manager, envelope, { partnerId: event.partnerId }),
    ),
    on(
      [
        ReferralEvents.unassignable,
        ReferralEvents.accepted,
        ReferralEvents.declined,
        ReferralEvents.offerExpired,
        ReferralEvents.offerWithdrawn,
        ReferralEvents.inProgress,
        ReferralEvents.completed,
        ReferralEvents.cancelled,
      ],
      (_uses, _event, { manager, envelope }) => projectReferralEvent(manager, envelope, {}),
    ),
  ],
});
