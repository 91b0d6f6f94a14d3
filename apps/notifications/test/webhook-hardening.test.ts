import { randomBytes, randomUUID } from 'node:crypto';
import { query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';

/** As in production: webhooks reach only public addresses, and their secrets are encrypted at rest. */
describe('webhooks hardened as in production', () => {
  let service: ServiceProcess;
  let partner: Api;

  beforeAll(async () => {
    service = await startNotificationsService({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    partner = new Api(service, await devToken('partner', randomUUID()));
  });

  afterAll(() => service && stopNotificationsService(service));

  const subscribe = (url: string) =>
    partner.send('POST', '/subscriptions', {
      eventTypes: ['concord.referral.assigned.v1'],
      channel: 'webhook',
      webhook: { url, secret: randomBytes(24).toString('hex') },
    });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook', '127.0.0.1'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['a host name that resolves to loopback', 'https://localhost/hook', 'localhost resolves to'],
    ['a private network address', 'https://10.0.0.7/hook', '10.0.0.7'],
  ])('a webhook to %s is refused with 422 naming webhook.url', async (_, url, named) => {
    const answer = await subscribe(url);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('WEBHOOK_URL_NOT_PUBLIC');
    expect(answer.body.message).toContain('webhook.url must reach a public address');
    expect(answer.body.message).toContain(named);
  });

  it('a webhook secret is stored encrypted, never as given', async () => {
    const secret = randomBytes(24).toString('hex');
    const created = await partner.expect<{ id: string }>(201, 'POST', '/subscriptions', {
      eventTypes: ['concord.referral.assigned.v1'],
      channel: 'webhook',
      webhook: { url: 'https://93.184.215.14/hook', secret },
    });
    const [row] = await query<{ webhook_secret: string }>(
      service.env.DATABASE_URL,
      'SELECT webhook_secret FROM subscriptions WHERE id = $1',
      [created.id],
    );
    expect(row.webhook_secret).toMatch(/^aes-256-gcm:v1:/);
    expect(row.webhook_secret).not.toContain(secret);
  });
});
