import { FundingEvents, ReferralEvents, ReleaseReason } from '@concord/contracts';
import { EventContext, eventManifest } from '@concord/messaging';
import { ReservationsService } from '../reservations/reservations.service';

const causeOf = (context: EventContext) => ({ eventId: context.envelope.id });

/** Gives back what the referral holds with the partner, if anything. */
const releaseFor =
  (reason: ReleaseReason) =>
  (
    { reservations }: { reservations: ReservationsService },
    event: { referralId: string; partnerId?: string },
    context: EventContext,
  ) =>
    reservations.release(
      context.manager,
      event.referralId,
      event.partnerId,
      reason,
      causeOf(context),
    );

/**
 * What the funding service publishes, all through the outbox in the transaction of the change:
 *
 * - budget.opened: POST /budgets (BudgetsService); budget.topped-up: POST /budgets/:id/allocations;
 * - funding.reserved, or funding.reservation-rejected (no-budget | budget-exhausted): on
 *   referral.assigned;
 * - funding.released (declined | offer-expired | offer-withdrawn | cancelled): on those referral
 *   events, while the referral holds a reservation;
 * - funding.charged: on referral.accepted;
 * - budget.threshold-reached, budget.exhausted, budget.replenished: after any of the above or a
 *   top-up, each once until its opposite (BudgetLedger).
 *
 * What it handles: the referral's offer, from assignment to acceptance or its end. Each handler
 * writes through the transaction that records the message as processed, so a redelivered event
 * has no second effect. referral.completed needs nothing: the case was charged when it was
 * accepted.
 */
export const FUNDING_EVENTS = eventManifest({
  service: 'funding',
  publishes: Object.values(FundingEvents),
  uses: { reservations: ReservationsService },
  handles: (on) => [
    on(ReferralEvents.assigned, ({ reservations }, event, context) =>
      reservations.reserve(context.manager, event, causeOf(context)),
    ),
    on(ReferralEvents.accepted, ({ reservations }, event, context) =>
      reservations.charge(context.manager, event.referralId, event.partnerId, causeOf(context)),
    ),
    on(ReferralEvents.declined, releaseFor('declined')),
    on(ReferralEvents.offerExpired, releaseFor('offer-expired')),
    // Withdrawn because funding rejected the assignment: nothing was reserved, nothing to do.
    on(ReferralEvents.offerWithdrawn, releaseFor('offer-withdrawn')),
    // Before acceptance the reservation goes back; after it the case stays charged.
    on(ReferralEvents.cancelled, releaseFor('cancelled')),
  ],
});
