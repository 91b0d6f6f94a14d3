import { Channel } from '@concord/contracts';
import { Audience } from '../routing/notification-routes';
import { Subscription } from './subscription.entity';

/** A subscription as the API answers it: the webhook secret is never part of it. */
export interface SubscriptionView {
  id: string;
  audience: Audience;
  /** The organisation, or PROGRAMME_ADMINISTRATORS_ID for the administrators. */
  organizationId: string;
  eventTypes: string[];
  channel: Channel;
  webhook?: { url: string };
  email?: { address: string };
  createdAt: string;
}

export function toSubscriptionView(subscription: Subscription): SubscriptionView {
  return {
    id: subscription.id,
    audience: subscription.audience,
    organizationId: subscription.ownerId,
    eventTypes: subscription.eventTypes,
    channel: subscription.channel,
    ...(subscription.webhookUrl ? { webhook: { url: subscription.webhookUrl } } : {}),
    ...(subscription.emailAddress ? { email: { address: subscription.emailAddress } } : {}),
    createdAt: subscription.createdAt.toISOString(),
  };
}
