import {
  AgreementEvents,
  EventDefinition,
  FundingEvents,
  ReferralEvents,
  Topics,
} from '@concord/contracts';
import { Role } from '@concord/auth';

/**
 * Who is told of an event:
 * - `partner`: the partner organisation the event names (its `partnerId`);
 * - `agency`: the police agency that submitted the referral, from the referral.submitted
 *   projection (dispatch's closed loop);
 * - `administrators`: the programme administrators.
 */
export type Listener = 'partner' | 'agency' | 'administrators';

export interface NotificationRoute {
  readonly event: EventDefinition;
  readonly listeners: readonly Listener[];
}

const route = (event: EventDefinition, ...listeners: Listener[]): NotificationRoute => ({
  event,
  listeners,
});

/**
 * The routing table: every event a person must hear of, and who that is. An event type not
 * listed here notifies nobody. A listener hears an event through each of its subscriptions to
 * the event type, or, with none, in its in-app inbox.
 */
export const NOTIFICATION_ROUTES: readonly NotificationRoute[] = [
  route(ReferralEvents.assigned, 'partner', 'agency'),
  route(ReferralEvents.unassignable, 'agency', 'administrators'),
  route(ReferralEvents.accepted, 'agency'),
  route(ReferralEvents.declined, 'agency'),
  route(ReferralEvents.offerExpired, 'partner', 'agency'),
  route(ReferralEvents.offerWithdrawn, 'partner', 'agency'),
  route(ReferralEvents.inProgress, 'agency'),
  route(ReferralEvents.completed, 'agency'),
  // The partner working a referral must stop when dispatch cancels it.
  route(ReferralEvents.cancelled, 'partner', 'agency'),
  route(FundingEvents.thresholdReached, 'administrators'),
  route(FundingEvents.exhausted, 'administrators'),
  route(AgreementEvents.expiring, 'administrators'),
];

const ROUTE_BY_TYPE = new Map(NOTIFICATION_ROUTES.map((entry) => [entry.event.type, entry]));

export function routeOf(type: string): NotificationRoute | undefined {
  return ROUTE_BY_TYPE.get(type);
}

/** Whose subscriptions these are: one organisation's, or the programme administrators'. */
export type Audience = 'organization' | 'administrators';
export const AUDIENCES: readonly Audience[] = ['organization', 'administrators'];

/**
 * The listener a caller of each role that may subscribe is: a dispatcher's organisation is the
 * agency that submitted the referral, a partner's the partner the event names, an admin acts for
 * the programme administrators.
 */
export const LISTENER_OF_ROLE = {
  dispatcher: 'agency',
  partner: 'partner',
  admin: 'administrators',
} as const satisfies Partial<Record<Role, Listener>>;

export function listenerOfRole(role: Role): Listener | undefined {
  return (LISTENER_OF_ROLE as Partial<Record<Role, Listener>>)[role];
}

/**
 * The event types the routing table ever tells a listener of, in its order: the only ones worth
 * subscribing to, since a subscription to any other would never be used.
 */
export function typesHeardBy(listener: Listener): string[] {
  return NOTIFICATION_ROUTES.filter((entry) => entry.listeners.includes(listener)).map(
    (entry) => entry.event.type,
  );
}

/** Referral events link to the referral; the others (budgets, agreements) have no link yet. */
export function isAboutReferral(event: EventDefinition): boolean {
  return event.topic === Topics.referrals;
}
