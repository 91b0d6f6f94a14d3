import {
  AgreementEvents,
  AgreementSnapshotV1,
  FundingEvents,
  OrganizationEvents,
  ReferralEvents,
  WithdrawalReason,
} from '@concord/contracts';
import { EventContext, eventManifest } from '@concord/messaging';
import { AssignmentService } from '../assignment/assignment.service';
import { DirectoryService } from '../directory/directory.service';
import { AgencyIncidentTypesProjection } from '../intake/agency-incident-types.projection';

/** The partner leaves routing under this agreement at once; its open offers go elsewhere. */
const leaveRouting =
  (reason: WithdrawalReason) =>
  async (
    { assignment, directory }: { assignment: AssignmentService; directory: DirectoryService },
    event: AgreementSnapshotV1,
    { manager }: EventContext,
  ): Promise<void> => {
    await directory.recordAgreement(manager, event);
    await assignment.withdrawOffersUnder(manager, event.agreementId, reason);
  };

/**
 * What the referrals service publishes, through its outbox: every referral event — submitted from
 * intake, assigned / unassignable / offer-expired / offer-withdrawn from assignment, and the
 * partner's and dispatch's lifecycle steps from the queue.
 *
 * What it handles:
 * - the referral's own events that leave it waiting for a partner: each hands it to the
 *   assignment engine (a choreography, no orchestrator);
 * - organization.*, agreement.* and budget.*: its copy of partners, agreements and budgets, the
 *   engine's directory; an agreement that stops takes its open offers back;
 * - organization.incident-types-mapped: each agency's incident-type mapping, for EIDO intake;
 * - funding.reservation-rejected: the offer is taken back and the referral assigned again.
 */
export const REFERRALS_EVENTS = eventManifest({
  service: 'referrals',
  publishes: Object.values(ReferralEvents),
  uses: {
    assignment: AssignmentService,
    directory: DirectoryService,
    incidentTypes: AgencyIncidentTypesProjection,
  },
  handles: (on) => [
    on(
      [
        ReferralEvents.submitted,
        ReferralEvents.declined,
        ReferralEvents.offerExpired,
        ReferralEvents.offerWithdrawn,
      ],
      ({ assignment }, event, { manager }) => assignment.assign(manager, event.referralId),
    ),
    on(
      [OrganizationEvents.registered, OrganizationEvents.updated],
      ({ directory }, event, context) => directory.recordOrganization(context.manager, event),
    ),
    on(OrganizationEvents.incidentTypesMapped, ({ incidentTypes }, event, { manager }) =>
      incidentTypes.record(manager, event),
    ),
    on([AgreementEvents.activated, AgreementEvents.amended], ({ directory }, event, context) =>
      directory.recordAgreement(context.manager, event),
    ),
    on(AgreementEvents.suspended, leaveRouting('agreement-suspended')),
    on(AgreementEvents.terminated, leaveRouting('agreement-terminated')),
    on(AgreementEvents.expired, leaveRouting('agreement-expired')),
    on(FundingEvents.reservationRejected, ({ assignment }, event, { manager }) =>
      assignment.withdrawUnfunded(manager, event.referralId, event.partnerId),
    ),
    on(
      [
        FundingEvents.budgetOpened,
        FundingEvents.thresholdReached,
        FundingEvents.exhausted,
        FundingEvents.replenished,
      ],
      ({ directory }, event, context) => directory.recordBudget(context.manager, event),
    ),
  ],
});
