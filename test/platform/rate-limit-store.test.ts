import { DataSource } from 'typeorm';
import {
  PostgresRateLimiter,
  PURGE_BATCH,
  RateLimitCounts1765300000000,
  RateLimitLog,
} from '@concord/platform';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

const quiet: RateLimitLog = { warn: () => undefined, log: () => undefined };
const MINUTE = 60_000;

/** Waits, if need be, until the minute has `needMs` left, so that a test's counts share a window. */
async function awayFromTheWindowsEnd(needMs = 5000): Promise<void> {
  const left = MINUTE - (Date.now() % MINUTE);
  if (left < needMs) await new Promise((done) => setTimeout(done, left + 100));
}

/** RATE_LIMIT_STORE=postgres: the statement PostgresRateLimiter runs, on a real database. */
describe('request counts in PostgreSQL', () => {
  let url: string;
  let dataSource: DataSource;
  const limiterOf = (limit: number, skewMs = 0) =>
    new PostgresRateLimiter(
      (sql, parameters) => dataSource.query(sql, parameters),
      limit,
      MINUTE,
      quiet,
      () => Date.now() + skewMs,
    );

  beforeAll(async () => {
    url = await createTestDatabase('rate_limit_store');
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

  it('gives two instances whose clocks are 45 s apart one count in one window', async () => {
    await awayFromTheWindowsEnd();
    const [early, late] = [limiterOf(3), limiterOf(3, 45_000)];
    const decisions = [];
    for (const limiter of [early, late, early, late]) {
      decisions.push((await limiter.take('ip:203.0.113.1')).allowed);
    }
    expect(decisions).toEqual([true, true, true, false]);
  });

  it("tells a refused client to retry when the database's window ends, whatever the instance's clock says", async () => {
    await awayFromTheWindowsEnd();
    const limiter = limiterOf(1, -50_000);
    await limiter.take('ip:203.0.113.2');
    const decision = await limiter.take('ip:203.0.113.2');
    const [{ left }] = (await dataSource.query(
      `SELECT extract(epoch FROM date_bin('1 minute', now(), timestamptz 'epoch')
                                + interval '1 minute' - now())::float8 AS left`,
    )) as { left: number }[];
    // The instance's own clock, 50 s behind, would say about 50 s more.
    const retryAfter = decision.allowed ? undefined : decision.retryAfterSeconds;
    expect([decision.allowed, Math.abs((retryAfter ?? 0) - Math.ceil(left)) <= 1]).toEqual([
      false,
      true,
    ]);
  });

  it('deletes ended windows with later counts, a batch at a time, and keeps the current one', async () => {
    await dataSource.query(
      `INSERT INTO rate_limit_counts (window_start, client, requests)
       SELECT date_bin('1 minute', now(), timestamptz 'epoch') - interval '1 hour', 'ended-' || n, 7
         FROM generate_series(1, $1::int) n`,
      [PURGE_BATCH + 500],
    );
    const limiter = limiterOf(100);
    await limiter.take('ip:203.0.113.3');
    const afterOne = await endedRows();
    await limiter.take('ip:203.0.113.3');
    const current = (await dataSource.query(
      `SELECT requests FROM rate_limit_counts WHERE client = 'ip:203.0.113.3'`,
    )) as { requests: number }[];
    expect([afterOne, await endedRows(), current]).toEqual([500, 0, [{ requests: 2 }]]);
  });

  const endedRows = async (): Promise<number> =>
    Number(
      (
        (await dataSource.query(
          `SELECT count(*) AS n FROM rate_limit_counts WHERE client LIKE 'ended-%'`,
        )) as { n: string }[]
      )[0]?.n,
    );
});
