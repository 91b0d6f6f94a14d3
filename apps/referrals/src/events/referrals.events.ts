import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AgreementEvents,
  AgreementSnapshotV1,
  BudgetStateV1,
  FundingEvents,
  FundingReservationRejectedV1,
  OrganizationChangedV1,
  OrganizationEvents,
  ReferralDeclinedV1,
  ReferralEvents,
  ReferralOfferExpiredV1,
  ReferralOfferWithdrawnV1,
  ReferralSubmittedV1,
  WithdrawalReason,
} from '@concord/contracts';
import { EventContext, HandlesEvent } from '@concord/messaging';
import { AssignmentService } from '../assignment/assignment.service';
import { DirectoryService } from '../directory/directory.service';

/**
 * Every event the referrals service handles, in one place. It publishes, through its outbox,
 * all of ReferralEvents (see libs/contracts/src/events/referral.events.ts): submitted from intake,
 * assigned / unassignable / offer-expired / offer-withdrawn from assignment, and the partner's and
 * dispatch's lifecycle steps from the queue.
 *
 * It keeps its copy of partners, agreements and budgets from organization.*, agreement.* and
 * budget.* events, and takes an offer back when funding rejects its reservation.
 *
 * The assignment engine runs on the referral's own events: each of these leaves it waiting for a
 * partner, so each hands it to the engine (a choreography, no orchestrator).
 */
@Controller()
export class ReferralsEvents {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly directory: DirectoryService,
  ) {}

  @HandlesEvent(ReferralEvents.submitted)
  assignSubmitted(@Payload() event: ReferralSubmittedV1, @Ctx() context: EventContext) {
    return this.assignment.assign(context.manager, event.referralId);
  }

  @HandlesEvent(ReferralEvents.declined)
  reassignDeclined(@Payload() event: ReferralDeclinedV1, @Ctx() context: EventContext) {
    return this.assignment.assign(context.manager, event.referralId);
  }

  @HandlesEvent(ReferralEvents.offerExpired)
  reassignExpired(@Payload() event: ReferralOfferExpiredV1, @Ctx() context: EventContext) {
    return this.assignment.assign(context.manager, event.referralId);
  }

  @HandlesEvent(ReferralEvents.offerWithdrawn)
  reassignWithdrawn(@Payload() event: ReferralOfferWithdrawnV1, @Ctx() context: EventContext) {
    return this.assignment.assign(context.manager, event.referralId);
  }

  @HandlesEvent(OrganizationEvents.registered)
  organizationRegistered(@Payload() event: OrganizationChangedV1, @Ctx() context: EventContext) {
    return this.directory.recordOrganization(context.manager, event);
  }

  @HandlesEvent(OrganizationEvents.updated)
  organizationUpdated(@Payload() event: OrganizationChangedV1, @Ctx() context: EventContext) {
    return this.directory.recordOrganization(context.manager, event);
  }

  @HandlesEvent(AgreementEvents.activated)
  agreementActivated(@Payload() event: AgreementSnapshotV1, @Ctx() context: EventContext) {
    return this.directory.recordAgreement(context.manager, event);
  }

  @HandlesEvent(AgreementEvents.amended)
  agreementAmended(@Payload() event: AgreementSnapshotV1, @Ctx() context: EventContext) {
    return this.directory.recordAgreement(context.manager, event);
  }

  @HandlesEvent(AgreementEvents.suspended)
  agreementSuspended(@Payload() event: AgreementSnapshotV1, @Ctx() context: EventContext) {
    return this.leaveRouting(event, 'agreement-suspended', context);
  }

  @HandlesEvent(AgreementEvents.terminated)
  agreementTerminated(@Payload() event: AgreementSnapshotV1, @Ctx() context: EventContext) {
    return this.leaveRouting(event, 'agreement-terminated', context);
  }

  @HandlesEvent(AgreementEvents.expired)
  agreementExpired(@Payload() event: AgreementSnapshotV1, @Ctx() context: EventContext) {
    return this.leaveRouting(event, 'agreement-expired', context);
  }

  @HandlesEvent(FundingEvents.reservationRejected)
  reservationRejected(
    @Payload() event: FundingReservationRejectedV1,
    @Ctx() context: EventContext,
  ) {
    return this.assignment.withdrawUnfunded(context.manager, event.referralId, event.partnerId);
  }

  @HandlesEvent(FundingEvents.budgetOpened)
  budgetOpened(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.directory.recordBudget(context.manager, event);
  }

  @HandlesEvent(FundingEvents.thresholdReached)
  budgetThresholdReached(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.directory.recordBudget(context.manager, event);
  }

  @HandlesEvent(FundingEvents.exhausted)
  budgetExhausted(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.directory.recordBudget(context.manager, event);
  }

  @HandlesEvent(FundingEvents.replenished)
  budgetReplenished(@Payload() event: BudgetStateV1, @Ctx() context: EventContext) {
    return this.directory.recordBudget(context.manager, event);
  }

  /** The partner leaves routing under this agreement at once; its open offers go elsewhere. */
  private async leaveRouting(
    event: AgreementSnapshotV1,
    reason: WithdrawalReason,
    { manager }: EventContext,
  ): Promise<void> {
    await this.directory.recordAgreement(manager, event);
    await this.assignment.withdrawOffersUnder(manager, event.agreementId, reason);
  }
}
