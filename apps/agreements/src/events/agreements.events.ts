import {
  ActivityEvents,
  AgreementEvents,
  FeedbackEvents,
  InitiativeEvents,
  OrganizationEvents,
} from '@concord/contracts';
import { eventManifest } from '@concord/messaging';

/**
 * What the agreements service publishes, all through the outbox in the transaction of the change:
 *
 * - organization.registered / organization.updated: the whole organisation after each change
 *   (OrganizationsService);
 * - organization.incident-types-mapped: a police agency's whole incident-type mapping after each
 *   change (IncidentTypesService), which EIDO intake in referrals reads;
 * - agreement.activated (on the second signature, by the scheduler, or on resume),
 *   agreement.suspended, agreement.terminated, agreement.expired (scheduler): the agreement's
 *   snapshot after the transition (AgreementLifecycle, after AGREEMENT_STEPS);
 * - agreement.amended: the new version, while the agreement is active or suspended;
 * - agreement.expiring: once per version, 30 days before the end (AgreementScheduler);
 * - initiative.launched / initiative.targets-set: the initiative after each change
 *   (InitiativesService);
 * - activity.*: a joint training or community event after each change (ActivitiesService);
 * - survey.opened / survey.closed, and feedback.received for each anonymous community answer
 *   (the survey's services), with scores and area code only.
 *
 * It handles nothing: open capacity is counted where referrals are assigned (the referrals
 * service), so the organisation's stated capacity is all this service keeps.
 */
export const AGREEMENTS_EVENTS = eventManifest({
  service: 'agreements',
  publishes: [
    ...Object.values(OrganizationEvents),
    ...Object.values(AgreementEvents),
    ...Object.values(InitiativeEvents),
    ...Object.values(ActivityEvents),
    ...Object.values(FeedbackEvents),
  ],
});
