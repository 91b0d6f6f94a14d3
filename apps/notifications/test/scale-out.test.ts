import { randomBytes, randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import { eventually, freePort } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { ConcordEvents, ReferralStory } from './support/concord-events';
import {
  Api,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';
import { WebhookReceiver } from './support/webhook-receiver';

const REFERRALS = 30;

/** Two instances of the service on one database, as a deployment scales out. */
describe('several instances', () => {
  let first: ServiceProcess;
  let second: ServiceProcess;
  let events: ConcordEvents;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [first, events, receiver] = await Promise.all([
      startNotificationsService({ DELIVERY_CONCURRENCY: '4' }),
      ConcordEvents.connect(),
      WebhookReceiver.start(randomBytes(24).toString('hex'), {
        script: Array.from({ length: REFERRALS }, () => ({ status: 200, delayMs: 50 })),
      }),
    ]);
    // Started once the first one has migrated the database.
    second = await new ServiceProcess(first.script, {
      ...first.env,
      HTTP_PORT: String(await freePort()),
    }).startHealthy();
  });

  afterAll(async () => {
    await Promise.all([events?.disconnect(), receiver?.stop(), second?.stop()]);
    if (first) await stopNotificationsService(first);
  });

  it('deliver each notification once, with one try each', async () => {
    const partnerId = randomUUID();
    const partner = new Api(first, await devToken('partner', partnerId));
    await partner.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.assigned.type],
      channel: 'webhook',
      webhook: { url: receiver.url, secret: receiver.secret },
    });
    for (let count = 0; count < REFERRALS; count++) {
      await new ReferralStory(events, randomUUID(), partnerId).assigned();
    }

    await eventually(`${REFERRALS} notifications delivered`, async () => {
      const page = await partner.expect(200, 'GET', '/notifications?status=delivered&limit=100');
      return page.items.length === REFERRALS;
    });

    expect(receiver.calls).toHaveLength(REFERRALS);
    expect(receiver.deduplicated()).toHaveLength(REFERRALS);
    const log = await partner.expect(200, 'GET', '/notifications?limit=100');
    expect(log.items.every((item: { attemptCount: number }) => item.attemptCount === 1)).toBe(true);
  });

  it('an instance ends by SIGTERM alone', async () => {
    await second.stop();
    // stop() sends SIGTERM and only falls back to SIGKILL (exit 137) after 10 s.
    expect(second.exitCode).toBe(128 + 15);
  });
});
