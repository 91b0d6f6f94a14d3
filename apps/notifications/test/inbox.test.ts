import { randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import { eventually } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { ConcordEvents, ReferralStory } from './support/concord-events';
import {
  Api,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Json = any;

describe('the in-app inbox', () => {
  let service: ServiceProcess;
  let events: ConcordEvents;

  beforeAll(async () => {
    [service, events] = await Promise.all([startNotificationsService(), ConcordEvents.connect()]);
  });

  afterAll(async () => {
    await events?.disconnect();
    if (service) await stopNotificationsService(service);
  });

  /** A partner with `count` referrals offered to it, each in its inbox. */
  async function partnerWithOffers(count: number) {
    const partnerId = randomUUID();
    const partner = new Api(service, await devToken('partner', partnerId));
    const stories = Array.from(
      { length: count },
      () => new ReferralStory(events, randomUUID(), partnerId),
    );
    for (const story of stories) await story.assigned();
    await eventually(`${count} inbox items`, async () => {
      const page = await partner.expect(200, 'GET', '/inbox?limit=100');
      return page.items.length === count;
    });
    return { partnerId, partner, stories };
  }

  it('lists newest first in keyset pages', async () => {
    const { partner, stories } = await partnerWithOffers(5);

    const pages: Json[] = [];
    let after: string | null = null;
    do {
      const page: Json = await partner.expect(
        200,
        'GET',
        `/inbox?limit=2${after ? `&after=${after}` : ''}`,
      );
      pages.push(page);
      after = page.nextCursor;
    } while (after);

    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    const items = pages.flatMap((page) => page.items);
    expect(items.map((item: Json) => item.subject).sort()).toEqual(
      stories.map((story) => story.referralId).sort(),
    );
    const created = items.map((item: Json) => Date.parse(item.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(items.every((item: Json) => item.type === ReferralEvents.assigned.type)).toBe(true);
  });

  it('marks an item read once, and lists only unread items when asked', async () => {
    const { partner } = await partnerWithOffers(3);
    const [item] = (await partner.expect(200, 'GET', '/inbox')).items;

    const read = await partner.expect(200, 'POST', `/inbox/${item.id}/read`);
    const readAgain = await partner.expect(200, 'POST', `/inbox/${item.id}/read`);

    expect(read).toMatchObject({ id: item.id, readAt: expect.any(String) });
    expect(readAgain.readAt).toBe(read.readAt);
    const unread = await partner.expect(200, 'GET', '/inbox?unread=true');
    expect(unread.items.map((each: Json) => each.id)).not.toContain(item.id);
    expect(unread.items).toHaveLength(2);
  });

  it("another organisation's inbox item and its delivery log are 404", async () => {
    const { partner } = await partnerWithOffers(1);
    const [item] = (await partner.expect(200, 'GET', '/inbox')).items;
    const stranger = new Api(service, await devToken('partner', randomUUID()));

    expect(await stranger.send('POST', `/inbox/${item.id}/read`)).toMatchObject({
      status: 404,
      body: { code: 'INBOX_ITEM_NOT_FOUND' },
    });
    expect(await stranger.send('GET', `/notifications/${item.id}`)).toMatchObject({
      status: 404,
      body: { code: 'NOTIFICATION_NOT_FOUND' },
    });
    expect(
      (await stranger.expect(200, 'GET', `/notifications?aboutSubject=${item.subject}`)).items,
    ).toEqual([]);
    expect((await partner.expect(200, 'GET', `/inbox/`)).items[0].readAt).toBeNull();
  });

  it('an inbox notification is delivered when stored, with one attempt in the delivery log', async () => {
    const { partner } = await partnerWithOffers(1);
    const [item] = (await partner.expect(200, 'GET', '/inbox')).items;

    const logged = await partner.expect(200, 'GET', `/notifications/${item.id}`);

    expect(logged).toMatchObject({
      id: item.id,
      channel: 'inbox',
      status: 'delivered',
      subscriptionId: null,
      attempts: [
        { number: 1, channel: 'inbox', outcome: 'stored', responseStatus: null, error: null },
      ],
    });
  });
});
