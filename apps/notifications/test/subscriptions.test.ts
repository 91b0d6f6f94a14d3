import { randomUUID } from 'node:crypto';
import {
  AgreementEvents,
  concordCatalogue,
  FundingEvents,
  ReferralEvents,
} from '@concord/contracts';
import { eventually, freePort } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { budgetExhausted, ConcordEvents, ReferralStory } from './support/concord-events';
import { NOTIFICATION_ROUTES } from '../src/routing/notification-routes';
import {
  Api,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Json = any;

const ASSIGNED = ReferralEvents.assigned.type;
const SECRET = 's3cr3t-'.repeat(6);

describe('subscriptions', () => {
  let service: ServiceProcess;
  let events: ConcordEvents;

  beforeAll(async () => {
    // No SMTP_URL: the e-mail channel is off.
    [service, events] = await Promise.all([startNotificationsService(), ConcordEvents.connect()]);
  });

  afterAll(async () => {
    await events?.disconnect();
    if (service) await stopNotificationsService(service);
  });

  const as = async (
    role: 'dispatcher' | 'partner' | 'admin' | 'auditor',
    organizationId?: string,
  ) => new Api(service, await devToken(role, organizationId));

  it('a subscription of another organisation is not visible: 404, and not listed', async () => {
    const owner = await as('partner', randomUUID());
    const stranger = await as('partner', randomUUID());
    const subscription = await owner.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ASSIGNED],
      channel: 'inbox',
    });

    const read = await stranger.send('GET', `/subscriptions/${subscription.id}`);
    const deleted = await stranger.send('DELETE', `/subscriptions/${subscription.id}`);

    expect(read).toMatchObject({ status: 404, body: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    expect(deleted).toMatchObject({ status: 404, body: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    expect(await stranger.expect(200, 'GET', '/subscriptions')).toEqual([]);
    expect(await owner.expect(200, 'GET', `/subscriptions/${subscription.id}`)).toEqual(
      subscription,
    );
    const all = await (await as('admin')).expect(200, 'GET', '/subscriptions');
    expect(all.map((each: Json) => each.id)).toContain(subscription.id);
  });

  it('the webhook secret is never returned', async () => {
    const dispatch = await as('dispatcher', randomUUID());
    const created = await dispatch.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ASSIGNED, ReferralEvents.completed.type],
      channel: 'webhook',
      webhook: { url: 'https://cad.police.test/concord', secret: SECRET },
    });

    expect(created).toMatchObject({
      audience: 'organization',
      channel: 'webhook',
      webhook: { url: 'https://cad.police.test/concord' },
    });
    const answers = [
      created,
      await dispatch.expect(200, 'GET', `/subscriptions/${created.id}`),
      await dispatch.expect(200, 'GET', '/subscriptions'),
      await (await as('admin')).expect(200, 'GET', '/subscriptions'),
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain('s3cr3t');
  });

  it('an admin subscribes the programme administrators, and only an admin may', async () => {
    const admin = await as('admin');
    const created = await admin.expect(201, 'POST', '/subscriptions', {
      eventTypes: [FundingEvents.exhausted.type],
      channel: 'inbox',
    });
    expect(created.audience).toBe('administrators');

    const partner = await as('partner', randomUUID());
    const asAdministrators = await partner.send('POST', '/subscriptions', {
      audience: 'administrators',
      eventTypes: [ReferralEvents.unassignable.type],
      channel: 'inbox',
    });
    const auditor = await (
      await as('auditor')
    ).send('POST', '/subscriptions', {
      eventTypes: [ASSIGNED],
      channel: 'inbox',
    });

    expect(asAdministrators).toMatchObject({
      status: 403,
      body: { code: 'SUBSCRIPTION_AUDIENCE_NOT_ALLOWED' },
    });
    expect(auditor.status).toBe(403);
  });

  /** Who each subscribing role is in the routing table's terms. */
  const LISTENER = { dispatcher: 'agency', partner: 'partner', admin: 'administrators' } as const;
  type Subscriber = keyof typeof LISTENER;
  const deliveredTo = (role: Subscriber, type: string) =>
    NOTIFICATION_ROUTES.some(
      (route) => route.event.type === type && route.listeners.includes(LISTENER[role]),
    );
  const CATALOGUE = concordCatalogue()
    .all()
    .map((definition) => definition.type);

  it('for every role and every event type, subscribing succeeds exactly when the routing table tells that role of it, and a refusal lists exactly the types it may subscribe to', async () => {
    for (const role of Object.keys(LISTENER) as Subscriber[]) {
      const api = await as(role, role === 'admin' ? undefined : randomUUID());
      const accepted: string[] = [];
      const refusals: Json[] = [];
      for (const type of CATALOGUE) {
        const answer = await api.send('POST', '/subscriptions', {
          eventTypes: [type],
          channel: 'inbox',
        });
        expect([role, type, answer.status]).toEqual([
          role,
          type,
          deliveredTo(role, type) ? 201 : 422,
        ]);
        if (answer.status === 201) accepted.push(type);
        else refusals.push({ type, body: answer.body });
      }

      expect(accepted.length).toBeGreaterThan(0);
      for (const { type, body } of refusals) {
        expect(body.code).toBe('SUBSCRIPTION_EVENT_TYPES_NOT_ROUTED');
        expect(body.message).toMatch(new RegExp(`^eventTypes: .* never told of ${type};`));
        const listed = /can hear are (.*)$/.exec(body.message)?.[1].split(', ');
        expect(listed?.sort()).toEqual([...accepted].sort());
      }
    }
  });

  it('a type an organisation may subscribe to reaches it through that subscription, and no other does', async () => {
    const [agencyId, partnerId] = [randomUUID(), randomUUID()];
    const subscribed = new Map<Subscriber, Map<string, string>>();
    for (const [role, organizationId] of [
      ['dispatcher', agencyId],
      ['partner', partnerId],
    ] as const) {
      const api = await as(role, organizationId);
      const byType = new Map<string, string>();
      for (const type of CATALOGUE.filter((each) => deliveredTo(role, each))) {
        const subscription = await api.expect(201, 'POST', '/subscriptions', {
          eventTypes: [type],
          channel: 'inbox',
        });
        byType.set(type, subscription.id);
      }
      subscribed.set(role, byType);
    }
    const story = new ReferralStory(events, agencyId, partnerId);
    await story.submitted();
    await story.everyStatusChange();

    for (const [role, organizationId] of [
      ['dispatcher', agencyId],
      ['partner', partnerId],
    ] as const) {
      const api = await as(role, organizationId);
      const byType = subscribed.get(role) as Map<string, string>;
      let items: Json[] = [];
      await eventually(`${byType.size} notifications of the ${role}`, async () => {
        const page = await api.expect(
          200,
          'GET',
          `/notifications?aboutSubject=${story.referralId}`,
        );
        items = page.items;
        return items.length >= byType.size;
      });
      expect(items.map((item: Json) => [item.about.type, item.subscriptionId]).sort()).toEqual(
        [...byType.entries()].sort(),
      );
    }
  });

  it('the programme administrators hear each type an admin may subscribe to', async () => {
    const admin = await as('admin');
    const story = new ReferralStory(events, randomUUID(), randomUUID());
    await story.submitted();
    const published = [
      await story.unassignable(),
      await budgetExhausted(events),
      await events.publish(FundingEvents.thresholdReached, {
        budgetId: randomUUID(),
        initiativeId: randomUUID(),
        partnerId: randomUUID(),
        category: 'mental-health-crisis',
        awardedCents: 5_000_000,
        availableCents: 1_000_000,
        costPerCaseCents: 25_000,
      }),
      await events.publish(AgreementEvents.expiring, {
        agreementId: randomUUID(),
        partnerId: randomUUID(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }),
    ];
    expect(published.map((event) => event.type).sort()).toEqual(
      CATALOGUE.filter((type) => deliveredTo('admin', type)).sort(),
    );

    for (const event of published) {
      await eventually(`the administrators told of ${event.type}`, async () => {
        const page = await admin.expect(200, 'GET', `/notifications?aboutSubject=${event.subject}`);
        return page.items.some((item: Json) => item.about.type === event.type);
      });
    }
  });

  it('an event type the audience is never told of is a 422 naming it', async () => {
    const partner = await as('partner', randomUUID());
    const answer = await partner.send('POST', '/subscriptions', {
      eventTypes: [ASSIGNED, FundingEvents.exhausted.type],
      channel: 'inbox',
    });

    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'SUBSCRIPTION_EVENT_TYPES_NOT_ROUTED' },
    });
    expect(answer.body.message).toContain(`never told of ${FundingEvents.exhausted.type};`);
    expect(answer.body.message).not.toContain(ReferralEvents.accepted.type);

    const accepted = await partner.send('POST', '/subscriptions', {
      eventTypes: [ReferralEvents.accepted.type],
      channel: 'inbox',
    });
    expect(accepted).toMatchObject({
      status: 422,
      body: { code: 'SUBSCRIPTION_EVENT_TYPES_NOT_ROUTED' },
    });
  });

  it('without SMTP_URL an e-mail subscription is a 422 EMAIL_CHANNEL_DISABLED', async () => {
    const dispatch = await as('dispatcher', randomUUID());
    const answer = await dispatch.send('POST', '/subscriptions', {
      eventTypes: [ASSIGNED],
      channel: 'email',
      email: { address: 'dispatch@police.test' },
    });

    expect(answer).toMatchObject({ status: 422, body: { code: 'EMAIL_CHANNEL_DISABLED' } });
  });

  it('deleting a subscription cancels its notifications not yet delivered', async () => {
    const partnerId = randomUUID();
    const partner = await as('partner', partnerId);
    const nobodyListens = `http://127.0.0.1:${await freePort()}/hook`;
    const subscription = await partner.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ASSIGNED],
      channel: 'webhook',
      webhook: { url: nobodyListens, secret: SECRET },
    });
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.assigned();
    let notification: Json;
    await eventually('a failed first try', async () => {
      const page = await partner.expect(
        200,
        'GET',
        `/notifications?aboutSubject=${story.referralId}`,
      );
      notification = page.items[0];
      return notification?.attemptCount >= 1 && notification.status === 'pending';
    });

    await partner.expect(204, 'DELETE', `/subscriptions/${subscription.id}`);

    const after = await partner.expect(200, 'GET', `/notifications/${notification.id}`);
    expect(after).toMatchObject({ status: 'cancelled', nextAttemptAt: null });
    expect(await partner.send('GET', `/subscriptions/${subscription.id}`)).toMatchObject({
      status: 404,
    });
  });

  it('bad input is a 400 naming the field', async () => {
    const partner = await as('partner', randomUUID());

    const body = await partner.send('POST', '/subscriptions', {
      eventTypes: ['concord.referral.assigned.v1', 'referral.assigned'],
      channel: 'pigeon',
      webhook: { url: 'ftp://files.test/in', secret: 'too short' },
      email: { address: 'not an address' },
      extra: true,
    });
    const missingWebhook = await partner.send('POST', '/subscriptions', {
      eventTypes: [ASSIGNED],
      channel: 'webhook',
    });
    const query = await partner.send('GET', '/notifications?aboutSubject=nope&limit=0');
    const path = await partner.send('DELETE', '/subscriptions/nope');
    const cursor = await partner.send('GET', '/inbox?after=garbage');

    expect(body.status).toBe(400);
    expect(body.body.message).toEqual(
      expect.arrayContaining([
        'property "extra" must not be sent: it is not a field of this request',
        expect.stringMatching(
          /^eventTypes must be event types of the Concord catalogue.*"referral\.assigned"$/,
        ),
        expect.stringMatching(
          /^channel must be one of the following values: webhook, email, inbox/,
        ),
        'webhook is only for channel webhook',
        'webhook.url must be an http or https URL',
        'webhook.secret must be longer than or equal to 32 characters',
        'email.address must be an e-mail address',
      ]),
    );
    expect(missingWebhook).toMatchObject({
      status: 400,
      body: { message: expect.arrayContaining(['webhook is required when channel is webhook']) },
    });
    expect(query).toMatchObject({
      status: 400,
      body: {
        message: expect.arrayContaining([
          'aboutSubject must be a UUID',
          'limit must not be less than 1',
        ]),
      },
    });
    expect(path).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['id must be a UUID'] },
    });
    expect(cursor).toMatchObject({
      status: 400,
      body: { message: ['after must be the nextCursor of a previous page'] },
    });
  });
});
