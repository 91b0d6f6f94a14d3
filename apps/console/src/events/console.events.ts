import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralAssignedV1, ReferralEvents, ReferralSubmittedV1 } from '@concord/contracts';
import { EventContext, HandlesEvent } from '@concord/messaging';
import { projectReferralEvent } from '../live/referral-changes.projection';

/**
 * What the console handles: every referral event, to tell the browsers that may see that
 * referral that it changed (referral.submitted and referral.assigned also say whose it is). It
 * publishes nothing.
 */
@Controller()
export class ConsoleEvents {
  @HandlesEvent(ReferralEvents.submitted)
  submitted(@Payload() event: ReferralSubmittedV1, @Ctx() context: EventContext) {
    return projectReferralEvent(context.manager, context.envelope, { agencyId: event.agencyId });
  }

  @HandlesEvent(ReferralEvents.assigned)
  assigned(@Payload() event: ReferralAssignedV1, @Ctx() context: EventContext) {
    return projectReferralEvent(context.manager, context.envelope, { partnerId: event.partnerId });
  }

  @HandlesEvent(
    ReferralEvents.unassignable,
    ReferralEvents.accepted,
    ReferralEvents.declined,
    ReferralEvents.offerExpired,
    ReferralEvents.offerWithdrawn,
    ReferralEvents.inProgress,
    ReferralEvents.completed,
    ReferralEvents.cancelled,
  )
  statusChanged(@Payload() _event: object, @Ctx() context: EventContext) {
    return projectReferralEvent(context.manager, context.envelope, {});
  }
}
