import { createHmac } from 'node:crypto';

export const WebhookHeaders = {
  /** The notification id: the same on every try, so a receiver can drop duplicates. */
  eventId: 'Concord-Event-Id',
  /** Unix seconds when this try was signed. */
  timestamp: 'Concord-Timestamp',
  /** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the subscription's secret>` */
  signature: 'Concord-Signature',
} as const;

/** The `Concord-Signature` header value of a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `v1=${digest}`;
}
