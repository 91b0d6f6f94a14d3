import { randomBytes, randomUUID } from 'node:crypto';
import { NotificationEvents, ReferralEvents, Topics } from '@concord/contracts';
import { eventually, freePort } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { TopicRecorder } from '../../../test/support/topic-recorder';
import { ConcordEvents, ReferralStory } from './support/concord-events';
import {
  Api,
  QUICK_DELIVERY,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';
import { WebhookReceiver } from './support/webhook-receiver';

const MAX_ATTEMPTS = Number(QUICK_DELIVERY.WEBHOOK_MAX_ATTEMPTS);
const TIMEOUT_MS = Number(QUICK_DELIVERY.WEBHOOK_TIMEOUT_MS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Json = any;

describe('signed webhooks', () => {
  // The service under test may first catch up with the history of its topics.
  jest.setTimeout(300_000);

  let service: ServiceProcess;
  let events: ConcordEvents;
  let outcomes: TopicRecorder;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    [service, events, outcomes] = await Promise.all([
      startNotificationsService(),
      ConcordEvents.connect(),
      new TopicRecorder([Topics.notifications]).start(),
    ]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await Promise.all([events?.disconnect(), outcomes?.stop()]);
    if (service) await stopNotificationsService(service);
  });

  const newSecret = () => randomBytes(24).toString('hex');

  async function receiver(...args: Parameters<typeof WebhookReceiver.start>) {
    const started = await WebhookReceiver.start(...args);
    receivers.push(started);
    return started;
  }

  /** A partner organisation subscribed to `eventTypes` by webhook at `url`. */
  async function partnerSubscribed(
    url: string,
    secret: string,
    eventTypes = [ReferralEvents.assigned.type],
  ) {
    const partnerId = randomUUID();
    const api = new Api(service, await devToken('partner', partnerId));
    await api.expect(201, 'POST', '/subscriptions', {
      eventTypes,
      channel: 'webhook',
      webhook: { url, secret },
    });
    return { partnerId, api };
  }

  /** Waits for the partner's webhook notification about the referral to reach `status`. */
  async function webhookNotification(api: Api, referralId: string, status: string): Promise<Json> {
    let found: Json;
    await eventually(`a ${status} webhook notification about ${referralId}`, async () => {
      const page = await api.expect(200, 'GET', `/notifications?aboutSubject=${referralId}`);
      found = page.items.find((item: Json) => item.channel === 'webhook');
      return found?.status === status;
    });
    return api.expect(200, 'GET', `/notifications/${found.id}`);
  }

  it('a receiver that knows only the secret verifies every call and, dropping duplicates by Concord-Event-Id, acts on each event once, though Kafka carried one twice', async () => {
    // The first call outlasts WEBHOOK_TIMEOUT_MS, so Concord calls again with the same id.
    const webhook = await receiver(newSecret(), {
      script: [{ status: 200, delayMs: TIMEOUT_MS + 500 }],
    });
    const { partnerId, api } = await partnerSubscribed(webhook.url, webhook.secret, [
      ReferralEvents.assigned.type,
      ReferralEvents.offerExpired.type,
    ]);
    const [first, second, third] = [1, 2, 3].map(
      () => new ReferralStory(events, randomUUID(), partnerId),
    );
    await first.assigned();
    await eventually('the first call', async () => webhook.calls.length > 0);
    const published = await second.assigned();
    await events.republish(ReferralEvents.assigned, published);
    await third.assigned();
    // The same key, so the same partition: handled after the duplicate.
    await second.offerExpired();

    const expected = [
      [ReferralEvents.assigned.type, first.referralId],
      [ReferralEvents.assigned.type, second.referralId],
      [ReferralEvents.assigned.type, third.referralId],
      [ReferralEvents.offerExpired.type, second.referralId],
    ];
    await eventually('four notifications delivered', async () => {
      const page = await api.expect(200, 'GET', '/notifications?status=delivered');
      return page.items.length === expected.length;
    });

    expect(webhook.verified()).toHaveLength(webhook.calls.length);
    expect(webhook.calls.length).toBeGreaterThan(expected.length);
    const acted = webhook.deduplicated().map((body: Json) => [body.type, body.subject]);
    expect(acted).toHaveLength(expected.length);
    expect(acted).toEqual(expect.arrayContaining(expected));
  });

  it('a receiver that answers 503 at first gets the notification once it answers 2xx', async () => {
    const webhook = await receiver(newSecret(), { script: [{ status: 503 }, { status: 503 }] });
    const { partnerId } = await partnerSubscribed(webhook.url, webhook.secret);
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.assigned();

    await eventually('the notification after two 503s', async () => {
      return webhook.deduplicated().length === 1;
    });
    expect(webhook.calls).toHaveLength(3);
    expect(webhook.deduplicated()[0]).toMatchObject({
      type: ReferralEvents.assigned.type,
      subject: story.referralId,
    });
  });

  it('a receiver that is down gets the notification after it comes back', async () => {
    const port = await freePort();
    const secret = newSecret();
    const { partnerId, api } = await partnerSubscribed(
      `http://127.0.0.1:${port}/concord/webhook`,
      secret,
    );
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.assigned();
    await eventually('a try that found nobody listening', async () => {
      const page = await api.expect(200, 'GET', `/notifications?aboutSubject=${story.referralId}`);
      return page.items.some((item: Json) => item.attemptCount >= 1 && item.lastError);
    });

    const webhook = await receiver(secret, { port });

    await eventually('the notification once the receiver is back', async () => {
      return webhook.deduplicated().length === 1;
    });
    expect(webhook.deduplicated()[0].subject).toBe(story.referralId);
    const notification = await webhookNotification(api, story.referralId, 'delivered');
    expect(notification.attempts[0].error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('after the last try the notification has failed and notification.failed is published', async () => {
    const webhook = await receiver(newSecret(), {
      script: Array.from({ length: MAX_ATTEMPTS + 1 }, () => ({ status: 500 })),
    });
    const { partnerId, api } = await partnerSubscribed(webhook.url, webhook.secret);
    const story = new ReferralStory(events, randomUUID(), partnerId);
    const event = await story.assigned();

    const notification = await webhookNotification(api, story.referralId, 'failed');
    const outcome = await outcomes.waitFor(notification.id, NotificationEvents.failed.type);

    expect(outcome.data).toEqual({
      notificationId: notification.id,
      organizationId: partnerId,
      channel: 'webhook',
      aboutEventId: event.id,
      aboutSubject: story.referralId,
      attempts: MAX_ATTEMPTS,
    });
    expect(webhook.calls).toHaveLength(MAX_ATTEMPTS);
    expect(outcomes.typesAbout(notification.id)).toEqual([NotificationEvents.failed.type]);
  });

  it('a delivered notification is announced with notification.delivered', async () => {
    const webhook = await receiver(newSecret());
    const { partnerId, api } = await partnerSubscribed(webhook.url, webhook.secret);
    const story = new ReferralStory(events, randomUUID(), partnerId);
    const event = await story.assigned();

    const notification = await webhookNotification(api, story.referralId, 'delivered');
    const outcome = await outcomes.waitFor(notification.id, NotificationEvents.delivered.type);

    expect(outcome.data).toEqual({
      notificationId: notification.id,
      organizationId: partnerId,
      channel: 'webhook',
      aboutEventId: event.id,
      aboutSubject: story.referralId,
      attempts: 1,
    });
  });

  it('the delivery log lists every try with its time, channel, response code or error, and duration', async () => {
    const webhook = await receiver(newSecret(), {
      script: [{ status: 200, delayMs: TIMEOUT_MS + 500 }, { status: 500 }],
    });
    const { partnerId, api } = await partnerSubscribed(webhook.url, webhook.secret);
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.assigned();

    const notification = await webhookNotification(api, story.referralId, 'delivered');

    expect(notification).toMatchObject({
      channel: 'webhook',
      status: 'delivered',
      attemptCount: 3,
      about: { type: ReferralEvents.assigned.type, subject: story.referralId },
    });
    const [timedOut, refused, delivered] = notification.attempts;
    expect(notification.attempts).toHaveLength(3);
    expect(timedOut).toMatchObject({
      number: 1,
      channel: 'webhook',
      outcome: 'failed',
      responseStatus: null,
      error: `no answer within ${TIMEOUT_MS} ms`,
    });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(refused).toMatchObject({ number: 2, outcome: 'failed', responseStatus: 500 });
    expect(delivered).toMatchObject({ number: 3, outcome: 'delivered', responseStatus: 200 });
    const times = notification.attempts.map((attempt: Json) => Date.parse(attempt.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(notification.attempts.every((attempt: Json) => attempt.durationMs >= 0)).toBe(true);
  });
});
