import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AgreementEvents,
  AgreementExpiringV1,
  BudgetStateV1,
  FundingEvents,
  ReferralAcceptedV1,
  ReferralAssignedV1,
  ReferralCancelledV1,
  ReferralCompletedV1,
  ReferralDeclinedV1,
  ReferralEvents,
  ReferralInProgressV1,
  ReferralOfferExpiredV1,
  ReferralOfferWithdrawnV1,
  ReferralSubmittedV1,
  ReferralUnassignableV1,
} from '@concord/contracts';
import { EventContext, HandlesEvent } from '@concord/messaging';
import { NotificationFanOut } from '../delivery/notification-fan-out.service';
import { RecipientDirectory } from '../routing/recipient-directory.service';

/**
 * Every event the notifications service handles, in one place: referral.submitted feeds the
 * referral → agency projection; each of the others becomes notifications for whoever the routing
 * table (routing/notification-routes.ts) names. It publishes notification.delivered and
 * notification.failed (libs/contracts/src/events/notification.events.ts) through its outbox.
 */
@Controller()
export class NotificationsEvents {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly fanOut: NotificationFanOut,
  ) {}

  @HandlesEvent(ReferralEvents.submitted)
  rememberAgency(@Payload() event: ReferralSubmittedV1, @Ctx() context: EventContext) {
    return this.directory.recordSubmission(context.manager, event);
  }

  @HandlesEvent(ReferralEvents.assigned)
  assigned(@Payload() event: ReferralAssignedV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.unassignable)
  unassignable(@Payload() event: ReferralUnassignableV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.accepted)
  accepted(@Payload() event: ReferralAcceptedV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.declined)
  declined(@Payload() event: ReferralDeclinedV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.offerExpired)
  offerExpired(@Payload() event: ReferralOfferExpiredV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.offerWithdrawn)
  offerWithdrawn(@Payload() event: ReferralOfferWithdrawnV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.inProgress)
  inProgress(@Payload() event: ReferralInProgressV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.completed)
  completed(@Payload() event: ReferralCompletedV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(ReferralEvents.cancelled)
  cancelled(@Payload() event: ReferralCancelledV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(FundingEvents.thresholdReached)
  budgetThresholdReached(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(FundingEvents.exhausted)
  budgetExhausted(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  @HandlesEvent(AgreementEvents.expiring)
  agreementExpiring(@Payload() event: AgreementExpiringV1, @Ctx() context: EventContext) {
    return this.notify(event, context);
  }

  private notify(event: object, { envelope, manager }: EventContext): Promise<void> {
    return this.fanOut.notify(manager, envelope, event);
  }
}
