import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  EventDefinition,
  FundingEvents,
  ReferralAcceptedV1,
  ReferralAssignedV1,
  ReferralCancelledV1,
  ReferralDeclinedV1,
  ReferralEvents,
  ReferralOfferExpiredV1,
  ReferralOfferWithdrawnV1,
  ReleaseReason,
} from '@concord/contracts';
import { EventContext, HandlesEvent } from '@concord/messaging';
import { ReservationsService } from '../reservations/reservations.service';

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
 *   top-up (POST /budgets/:id/allocations), each once until its opposite (BudgetLedger).
 */
export const FUNDING_PUBLISHES: readonly EventDefinition[] = Object.values(FundingEvents);

/** What it handles: the referral's offer, from assignment to acceptance or its end. */
export const FUNDING_HANDLES: readonly EventDefinition[] = [
  ReferralEvents.assigned,
  ReferralEvents.accepted,
  ReferralEvents.declined,
  ReferralEvents.offerExpired,
  ReferralEvents.offerWithdrawn,
  ReferralEvents.cancelled,
];

/**
 * The handlers of FUNDING_HANDLES. Each writes through the transaction that records the message
 * as processed, so a redelivered event has no second effect. referral.completed needs nothing:
 * the case was charged when it was accepted.
 */
@Controller()
export class FundingEventHandlers {
  constructor(private readonly reservations: ReservationsService) {}

  @HandlesEvent(ReferralEvents.assigned)
  reserveOnAssignment(@Payload() event: ReferralAssignedV1, @Ctx() context: EventContext) {
    return this.reservations.reserve(context.manager, event, causeOf(context));
  }

  @HandlesEvent(ReferralEvents.accepted)
  chargeOnAcceptance(@Payload() event: ReferralAcceptedV1, @Ctx() context: EventContext) {
    return this.reservations.charge(
      context.manager,
      event.referralId,
      event.partnerId,
      causeOf(context),
    );
  }

  @HandlesEvent(ReferralEvents.declined)
  releaseOnDecline(@Payload() event: ReferralDeclinedV1, @Ctx() context: EventContext) {
    return this.release(event, 'declined', context);
  }

  @HandlesEvent(ReferralEvents.offerExpired)
  releaseOnExpiry(@Payload() event: ReferralOfferExpiredV1, @Ctx() context: EventContext) {
    return this.release(event, 'offer-expired', context);
  }

  /** Withdrawn because funding rejected the assignment: nothing was reserved, nothing to do. */
  @HandlesEvent(ReferralEvents.offerWithdrawn)
  releaseOnWithdrawal(@Payload() event: ReferralOfferWithdrawnV1, @Ctx() context: EventContext) {
    return this.release(event, 'offer-withdrawn', context);
  }

  /** Before acceptance the reservation goes back; after it the case stays charged. */
  @HandlesEvent(ReferralEvents.cancelled)
  releaseOnCancel(@Payload() event: ReferralCancelledV1, @Ctx() context: EventContext) {
    return this.release(event, 'cancelled', context);
  }

  private release(
    event: { referralId: string; partnerId?: string },
    reason: ReleaseReason,
    context: EventContext,
  ) {
    return this.reservations.release(
      context.manager,
      event.referralId,
      event.partnerId,
      reason,
      causeOf(context),
    );
  }
}

const causeOf = (context: EventContext) => ({ eventId: context.envelope.id });
