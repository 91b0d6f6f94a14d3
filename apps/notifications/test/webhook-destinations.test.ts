import { randomBytes, randomUUID } from 'node:crypto';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';

/** As in production: webhooks may only reach public addresses. */
describe('webhook destinations with private networks not allowed', () => {
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
});
