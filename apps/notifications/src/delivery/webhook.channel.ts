import { Injectable } from '@nestjs/common';
import { NotificationsConfig } from '../notifications.config';
import { DeliveryResult, describeFailure } from './delivery-result';
import { Notification } from './notification.entity';
import { openWebhookSecret } from '../subscriptions/webhook-secret-box';
import { nonPublicDestination } from './webhook-destination';
import { signWebhook, WebhookHeaders } from './webhook-signature';

/** The JSON a webhook receives. */
export interface WebhookBody {
  /** The notification id, also in `Concord-Event-Id`. */
  id: string;
  /** The CloudEvents type, e.g. concord.referral.assigned.v1. */
  type: string;
  occurredAt: string;
  /** The aggregate the event is about, e.g. the referral id. */
  subject: string;
  /** The event's payload: ids, categories, times; never personal data. */
  data: object;
  link: string | null;
}

export function webhookBody(notification: Notification): WebhookBody {
  return {
    id: notification.id,
    type: notification.aboutEventType,
    occurredAt: notification.occurredAt.toISOString(),
    subject: notification.aboutSubject,
    data: notification.data,
    link: notification.link,
  };
}

/** POSTs a signed notification; a 2xx answer within WEBHOOK_TIMEOUT_MS is a delivery. */
@Injectable()
export class WebhookChannel {
  constructor(private readonly config: NotificationsConfig) {}

  /** `storedSecret` is the subscription's secret as stored: encrypted when a key is set. */
  async send(
    notification: Notification,
    url: string,
    storedSecret: string,
  ): Promise<DeliveryResult> {
    const body = JSON.stringify(webhookBody(notification));
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const refused = this.config.webhooksMayReachPrivateNetworks
        ? undefined
        : await nonPublicDestination(url);
      if (refused) return { delivered: false, responseStatus: null, error: `not sent: ${refused}` };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Concord-Notifications/1',
          [WebhookHeaders.eventId]: notification.id,
          [WebhookHeaders.timestamp]: String(timestamp),
          [WebhookHeaders.signature]: signWebhook(
            openWebhookSecret(this.config.webhookSecretsKey, storedSecret),
            timestamp,
            body,
          ),
        },
        body,
        // A redirect is an answer like any other non-2xx: the signed body never goes elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      const delivered = response.status >= 200 && response.status < 300;
      return {
        delivered,
        responseStatus: response.status,
        error: delivered ? null : `the receiver answered ${response.status}`,
      };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return {
        delivered: false,
        responseStatus: null,
        error: timedOut
          ? `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`
          : describeFailure(error),
      };
    }
  }
}
