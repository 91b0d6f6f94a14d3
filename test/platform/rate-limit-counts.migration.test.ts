import { DataSource } from 'typeorm';
import { RateLimitCounts1765300000000 } from '@concord/platform';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

/** The table of RATE_LIMIT_STORE=postgres, which every service's database gets. */
describe('the rate-limit counts migration', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('rate_limit_migration');
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: [RateLimitCounts1765300000000],
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const persistence = async (): Promise<string[]> =>
    (
      (await dataSource.query(
        `SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_counts'`,
      )) as { relpersistence: string }[]
    ).map(({ relpersistence }) => relpersistence);

  it('creates an unlogged table, keyed by window and client, and its revert drops it', async () => {
    const created = await persistence();
    await dataSource.query(
      `INSERT INTO rate_limit_counts (window_start, client, requests) VALUES (now(), 'ip:192.0.2.1', 1)`,
    );
    const duplicate = await dataSource
      .query(
        `INSERT INTO rate_limit_counts (window_start, client, requests)
         SELECT window_start, client, 1 FROM rate_limit_counts`,
      )
      .then(
        () => 'inserted',
        (error: { code?: string }) => error.code,
      );
    await dataSource.undoLastMigration();
    expect([created, duplicate, await persistence()]).toEqual([['u'], '23505', []]);
  });
});
