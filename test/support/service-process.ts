import { resolve } from 'node:path';
import { ServiceProcess as AppProcess } from '@concord/testing';
import { KAFKA_BROKERS } from './infrastructure';

export const ROOT = resolve(__dirname, '../..');
export const DEV_PUBLIC_KEY = resolve(ROOT, '.cache/dev-keys/dev-public.pem');
export const DEV_PRIVATE_KEY = resolve(ROOT, '.cache/dev-keys/dev-private.pem');

const groupFor = (script: string, databaseUrl: string): string =>
  `${script.split('/').at(-3)}-${databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)}`;

/**
 * An app of the repository as a test runs it (libs/testing's ServiceProcess): on the suite's
 * broker, trusting the development key, with warnings-only logs kept in `output`, and `env` on
 * top; `args` are the script's (e.g. `migrate`).
 */
export class ServiceProcess extends AppProcess {
  constructor(
    readonly script: string,
    env: Record<string, string>,
    args: readonly string[] = [],
  ) {
    super({
      root: ROOT,
      script,
      args,
      env: {
        NODE_ENV: 'test',
        KAFKA_BROKERS,
        HTTP_HOST: '127.0.0.1',
        AUTH_PUBLIC_KEY_FILE: DEV_PUBLIC_KEY,
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        // Tests make many calls with one token; the limiter has tests of its own.
        RATE_LIMIT_PER_MINUTE: '1000000',
        // One consumer group per test database: processes of different tests (or of two test
        // runs at once) never split one group's partitions, and a restart resumes its own group.
        ...(env.DATABASE_URL ? { KAFKA_GROUP_ID: groupFor(script, env.DATABASE_URL) } : {}),
        ...env,
      },
    });
  }
}
