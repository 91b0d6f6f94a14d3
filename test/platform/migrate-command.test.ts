/**
 * `node dist/apps/<service>/src/main.js migrate` and MIGRATIONS_AT_START: the step that migrates
 * a database before a rollout (the Kubernetes migrations Job), and the setting that keeps the
 * instances of that rollout from migrating it themselves.
 */
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
  query,
} from '../support/infrastructure';
import { ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

const FUNDING = scriptOf('funding');
/** Tables of the platform (outbox, audit) and of the funding service's own migrations. */
const FUNDING_TABLES = ['audit_records', 'budgets', 'ledger_entries', 'outbox_messages'];

async function tablesOf(databaseUrl: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    databaseUrl,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  return rows.map((row) => row.table_name).sort();
}

/** `main.js migrate` with a broker address where nothing listens: the command must not need one. */
async function migrate(databaseUrl: string): Promise<ServiceProcess> {
  const run = new ServiceProcess(
    FUNDING,
    {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      LOG_LEVEL: 'info',
    },
    ['migrate'],
  ).start();
  await run.waitForExit(60_000);
  return run;
}

describe('main.js migrate', () => {
  it("creates the service's tables in an empty database and exits 0, without a broker", async () => {
    const databaseUrl = await createTestDatabase('migrate');
    try {
      expect(await tablesOf(databaseUrl)).toEqual([]);
      const run = await migrate(databaseUrl);
      expect({ exitCode: run.exitCode, output: run.output }).toMatchObject({ exitCode: 0 });
      expect(await tablesOf(databaseUrl)).toEqual(expect.arrayContaining(FUNDING_TABLES));
      expect(run.output).toMatch(/running \d+ pending migrations: MessagingTables1763780000000/);
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  });

  it('finds nothing pending in a migrated database and exits 0 again', async () => {
    const databaseUrl = await createTestDatabase('migrate_twice');
    try {
      expect((await migrate(databaseUrl)).exitCode).toBe(0);
      const second = await migrate(databaseUrl);
      expect(second.exitCode).toBe(0);
      expect(second.output).toContain('no migration is pending');
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  });

  it('exits non-zero with a message naming the failure when the database cannot be reached', async () => {
    const run = await migrate(`postgres://postgres@127.0.0.1:${await freePort()}/concord_none`);
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/migrations failed, before any ran: .*ECONNREFUSED/);
  });

  it('refuses an unknown command with exit code 64 instead of starting the service', async () => {
    const run = new ServiceProcess(FUNDING, {}, ['migrat']).start();
    expect(await run.waitForExit()).toBe(64);
    expect(run.output).toContain('unknown command migrat');
  });
});

describe('a service with MIGRATIONS_AT_START=false', () => {
  it('starts against an empty database without creating its tables', async () => {
    const databaseUrl = await createTestDatabase('no_migrations_at_start');
    const service = new ServiceProcess(FUNDING, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      MIGRATIONS_AT_START: 'false',
    }).start();
    try {
      // The HTTP server listens only once the database connection (and, by default, the
      // migrations) are done: an answer of any status means start-up got past that point.
      await eventually('the HTTP server to answer', async () => {
        if (service.exitCode !== null)
          throw new Error(`exited ${service.exitCode}:\n${service.output}`);
        return fetch(`${service.url}/health`).then(
          () => true,
          () => false,
        );
      });
      expect(await tablesOf(databaseUrl)).toEqual([]);
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });

  it('is refused at start-up unless true or false', async () => {
    const service = new ServiceProcess(FUNDING, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
      MIGRATIONS_AT_START: 'no',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toMatch(
      /- MIGRATIONS_AT_START: MIGRATIONS_AT_START must be true or false \(got "no"\)/,
    );
  });
});
