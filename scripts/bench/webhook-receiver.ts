import { WebhookReceiver } from '@concord/testing';
import { HandOffTracker, now } from './hand-off-tracker';

/**
 * The partners' webhook endpoint (libs/testing's receiver): answers every call 204 at once and
 * tells the tracker when the notification about a referral (its `subject`) arrived. It does not
 * verify signatures: it measures delivery, and the notifications service's tests prove the
 * signing. It keeps no calls, so a long run does not grow it.
 */
export const startWebhookReceiver = (tracker: HandOffTracker, port: number) =>
  WebhookReceiver.start({
    port,
    keepCalls: false,
    onCall: ({ rawBody }) => {
      const arrivedAt = now();
      try {
        const body = JSON.parse(rawBody) as { subject?: string };
        if (body.subject) tracker.sawWebhook(body.subject, arrivedAt);
      } catch {
        // Not a Concord notification; nothing to record.
      }
    },
  });
