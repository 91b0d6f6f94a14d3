import { randomUUID } from 'node:crypto';
import { AgreementEvents, FundingEvents, ReferralEvents } from '@concord/contracts';
import { eventually } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { budgetExhausted, ConcordEvents, ReferralStory } from './support/concord-events';
import {
  Api,
  PUBLIC_REFERRALS_URL,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Json = any;

/** Who hears what, seen in the inboxes of organisations without subscriptions. */
describe('routing', () => {
  let service: ServiceProcess;
  let events: ConcordEvents;

  beforeAll(async () => {
    [service, events] = await Promise.all([startNotificationsService(), ConcordEvents.connect()]);
  });

  afterAll(async () => {
    await events?.disconnect();
    if (service) await stopNotificationsService(service);
  });

  const as = async (role: 'dispatcher' | 'partner' | 'admin', organizationId?: string) =>
    new Api(service, await devToken(role, organizationId));

  /** Every item of an inbox, page by page. */
  async function wholeInbox(api: Api): Promise<Json[]> {
    const items: Json[] = [];
    let after: string | null = null;
    do {
      const page: Json = await api.expect(
        200,
        'GET',
        `/inbox?limit=100${after ? `&after=${after}` : ''}`,
      );
      items.push(...page.items);
      after = page.nextCursor;
    } while (after);
    return items;
  }

  /** The types of the inbox items about `subject`, sorted, once `count` have arrived. */
  async function inboxTypes(api: Api, subject: string, count: number): Promise<string[]> {
    let items: Json[] = [];
    await eventually(`${count} inbox items about ${subject}`, async () => {
      items = (await wholeInbox(api)).filter((item: Json) => item.subject === subject);
      return items.length >= count;
    });
    return items.map((item) => item.type as string).sort();
  }

  it('dispatch hears every status change of its referral: the closed loop', async () => {
    const agencyId = randomUUID();
    const story = new ReferralStory(events, agencyId, randomUUID());
    await story.submitted();
    const changes = await story.everyStatusChange();
    const dispatch = await as('dispatcher', agencyId);

    const heard = await inboxTypes(dispatch, story.referralId, changes);

    expect(heard).toEqual(
      [
        ReferralEvents.assigned.type,
        ReferralEvents.declined.type,
        ReferralEvents.offerExpired.type,
        ReferralEvents.offerWithdrawn.type,
        ReferralEvents.unassignable.type,
        ReferralEvents.accepted.type,
        ReferralEvents.inProgress.type,
        ReferralEvents.completed.type,
        ReferralEvents.cancelled.type,
      ].sort(),
    );
    const otherAgency = await as('dispatcher', randomUUID());
    expect((await otherAgency.expect(200, 'GET', '/inbox')).items).toEqual([]);
  });

  it('the partner hears referral.assigned, with a link to the referral, and not the steps it took itself', async () => {
    const partnerId = randomUUID();
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.submitted();
    await story.assigned();
    await story.accepted();
    await story.inProgress();
    await story.completed();
    // Handled after the steps above (same referral, same partition): the partner hears it.
    await story.cancelled();
    const partner = await as('partner', partnerId);

    const heard = await inboxTypes(partner, story.referralId, 2);

    expect(heard).toEqual([ReferralEvents.assigned.type, ReferralEvents.cancelled.type].sort());
    const { items } = await partner.expect(200, 'GET', '/inbox');
    const assigned = items.find((item: Json) => item.type === ReferralEvents.assigned.type);
    expect(assigned).toMatchObject({
      type: ReferralEvents.assigned.type,
      subject: story.referralId,
      link: `${PUBLIC_REFERRALS_URL}/referrals/${story.referralId}`,
      data: { referralId: story.referralId, partnerId },
      readAt: null,
    });
  });

  it('administrators hear referral.unassignable and budget.exhausted', async () => {
    const story = new ReferralStory(events, randomUUID(), randomUUID());
    await story.submitted();
    await story.unassignable();
    const budget = await budgetExhausted(events);
    const admin = await as('admin');

    expect(await inboxTypes(admin, story.referralId, 1)).toEqual([
      ReferralEvents.unassignable.type,
    ]);
    expect(await inboxTypes(admin, budget.subject, 1)).toEqual([FundingEvents.exhausted.type]);
    const partner = await as('partner', budget.data.partnerId);
    expect((await partner.expect(200, 'GET', '/inbox')).items).toEqual([]);
  });

  it('an organisation that subscribed to a type by webhook gets no inbox copy of it', async () => {
    const agencyId = randomUUID();
    const dispatch = await as('dispatcher', agencyId);
    await dispatch.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.accepted.type],
      channel: 'webhook',
      webhook: { url: 'http://127.0.0.1:9/unused', secret: 'x'.repeat(32) },
    });
    const story = new ReferralStory(events, agencyId, randomUUID());
    await story.submitted();
    await story.accepted();
    await story.completed();

    expect(await inboxTypes(dispatch, story.referralId, 1)).toEqual([
      ReferralEvents.completed.type,
    ]);
    const log = await dispatch.expect(
      200,
      `GET`,
      `/notifications?aboutSubject=${story.referralId}`,
    );
    expect(log.items.map((item: Json) => [item.about.type, item.channel]).sort()).toEqual([
      [ReferralEvents.accepted.type, 'webhook'],
      [ReferralEvents.completed.type, 'inbox'],
    ]);
  });

  it('an agreement about to expire is told to the administrators', async () => {
    const expiring = await events.publish(AgreementEvents.expiring, {
      agreementId: randomUUID(),
      partnerId: randomUUID(),
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const admin = await as('admin');

    expect(await inboxTypes(admin, expiring.subject, 1)).toEqual([AgreementEvents.expiring.type]);
  });
});
