import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { ensureDevKeyPair } from '../../libs/auth/src/dev-keys';
import { fixKafkajsRequestQueue } from '../../libs/messaging/src/kafka-client';
import { recordDevelopmentSystem } from './development-system';
import { startTestBroker } from './test-broker';

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Before any test: compile the services (tests start them as separate processes from dist/),
 * start the suite's own broker on empty storage, check that PostgreSQL answers (every test makes
 * its own concord_test_* databases) and make the development key pair the services trust. The
 * development broker and databases are left alone; what they hold now is recorded, for the last
 * test to compare.
 */
export default async function globalSetup(): Promise<void> {
  // Jest's own process, whose Kafka clients (the suite's broker checks) run outside the sandbox.
  fixKafkajsRequestQueue();
  const root = resolve(__dirname, '../..');
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const client = new Client({ connectionString: `${PG}/postgres` });
  await client.connect().catch((error: Error) => {
    throw new Error(
      `PostgreSQL does not answer at ${PG} (${error.message}): start it, or set TEST_PG_URL`,
    );
  });
  await client.end();
  await recordDevelopmentSystem();
  startTestBroker();
  await ensureDevKeyPair(resolve(root, '.cache/dev-keys'));
}
