import {
  createTestDatabase,
  dropTestDatabase,
  freePort,
} from '../../../../test/support/infrastructure';
import { ServiceProcess } from '../../../../test/support/service-process';
import { scriptOf } from '@concord/testing';

export const NOTIFICATIONS_SCRIPT = scriptOf('notifications');

/** Where the links in notifications point during the tests. */
export const PUBLIC_REFERRALS_URL = 'https://console.concord.test';

/** Settings that keep retries short enough for a test. */
export const QUICK_DELIVERY = {
  DELIVERY_POLL_MS: '100',
  WEBHOOK_MAX_ATTEMPTS: '5',
  WEBHOOK_INITIAL_BACKOFF_MS: '500',
  WEBHOOK_TIMEOUT_MS: '1000',
};

/** Webhook secrets are encrypted at rest in every test, as production requires. */
export const WEBHOOK_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

/** The notifications service as its own process, with a throw-away database of its own. */
export async function startNotificationsService(
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const service = new ServiceProcess(NOTIFICATIONS_SCRIPT, {
    HTTP_PORT: String(await freePort()),
    DATABASE_URL: await createTestDatabase('notifications'),
    PUBLIC_REFERRALS_URL,
    ...QUICK_DELIVERY,
    WEBHOOK_SECRETS_KEY,
    ...env,
  });
  return service.startHealthy();
}

export async function stopNotificationsService(service: ServiceProcess): Promise<void> {
  await service.stop();
  await dropTestDatabase(service.env.DATABASE_URL);
}

export { Answer, Api } from '../../../../test/support/api-client';
