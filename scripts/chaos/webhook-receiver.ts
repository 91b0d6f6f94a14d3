import { headerOf, WebhookReceiver } from '@concord/testing';
import { WebhookReceipt } from './reconciliation';

/** Longer than the notifications service's WEBHOOK_TIMEOUT_MS in chaos runs: every call times out. */
const SLOW_ANSWER_MS = 2500;

/** The partners' webhook endpoint (libs/testing's receiver), slow enough in its slow phase. */
export const startWebhookReceiver = (): Promise<WebhookReceiver> =>
  WebhookReceiver.start({ slowAnswerMs: SLOW_ANSWER_MS });

/**
 * What the receiver acted on: every call it accepted, a call it answered after the sender gave
 * up included, as a real receiver would have acted on it.
 */
export function receiptsOf(receiver: WebhookReceiver): WebhookReceipt[] {
  return receiver.accepted().flatMap((call) => {
    try {
      const body = JSON.parse(call.rawBody) as { type?: string; subject?: string };
      return [
        {
          eventId: headerOf(call.headers, 'Concord-Event-Id'),
          type: body.type ?? '',
          referralId: body.subject ?? '',
        },
      ];
    } catch {
      return [];
    }
  });
}
