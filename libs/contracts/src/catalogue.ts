import { EventCatalogue, EventDefinition } from './event-definition';
import { AgreementEvents } from './events/agreement.events';
import { FundingEvents } from './events/funding.events';
import { ActivityEvents, FeedbackEvents, InitiativeEvents } from './events/initiative.events';
import { NotificationEvents } from './events/notification.events';
import { OrganizationEvents } from './events/organization.events';
import { ReferralEvents } from './events/referral.events';

/** Every Concord event type: the catalogue that the services, the AsyncAPI document and tests share. */
export const CONCORD_EVENTS: readonly EventDefinition[] = [
  ...Object.values(ReferralEvents),
  ...Object.values(OrganizationEvents),
  ...Object.values(AgreementEvents),
  ...Object.values(FundingEvents),
  ...Object.values(NotificationEvents),
  ...Object.values(InitiativeEvents),
  ...Object.values(ActivityEvents),
  ...Object.values(FeedbackEvents),
];

export function concordCatalogue(): EventCatalogue {
  return new EventCatalogue(CONCORD_EVENTS);
}
