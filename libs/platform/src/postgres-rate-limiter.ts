import { Logger } from '@nestjs/common';
import { RateDecision, RateLimit, RateLimiter } from './rate-limiter';

/** Runs one parameterised statement and resolves to its rows (DataSource.query). */
export type RunQuery = (sql: string, parameters: unknown[]) => Promise<unknown>;

/** What a limiter says in the log when the database stops or starts answering again. */
export type RateLimitLog = Pick<Logger, 'warn' | 'log'>;

/** The most rows of past windows one count deletes: no request waits on a long delete. */
export const PURGE_BATCH = 1000;
/** How long a request waits for its count before it is counted in memory instead. */
export const COUNT_TIMEOUT_MS = 500;
/** Once a count failed, requests are counted in memory for this long before PostgreSQL is asked again. */
export const RETRY_STORE_AFTER_MS = 5000;

/**
 * Counts one request and, when `$3` is true, deletes up to PURGE_BATCH rows of windows that have
 * ended, in one statement; when it is false, the delete is skipped whole (a one-time filter on
 * the parameter), so a count reads no more than its own row. The window is the one `now()` falls in, on the database's clock and
 * aligned to the epoch, so every instance agrees on it whatever its own clock says. The table is
 * UNLOGGED (RateLimitCounts1765300000000): a count writes no WAL and its commit waits for no
 * flush.
 */
export const COUNT_REQUEST = `
  WITH this_window AS (
    SELECT date_bin($2::interval, now(), timestamptz '1970-01-01 00:00:00+00') AS started_at
  ), purged AS (
    DELETE FROM rate_limit_counts WHERE $3::boolean AND ctid = ANY (ARRAY(
      SELECT ctid FROM rate_limit_counts
       WHERE window_start < (SELECT started_at FROM this_window)
       LIMIT ${PURGE_BATCH}))
    RETURNING 1
  )
  INSERT INTO rate_limit_counts AS counted (window_start, client, requests)
  SELECT started_at, $1, 1 FROM this_window
  ON CONFLICT (window_start, client) DO UPDATE SET requests = counted.requests + 1
  RETURNING counted.requests,
            extract(epoch FROM counted.window_start + $2::interval - now())::float8 AS seconds_left,
            (SELECT count(*) FROM purged)::int AS purged`;

interface CountedRow {
  readonly requests: number;
  readonly seconds_left: number;
  readonly purged: number;
}

/** `windowMs` as a PostgreSQL interval. */
export const intervalOf = (windowMs: number): string => `${windowMs} milliseconds`;

/**
 * The decision on a client's `requests`th request of a window that ends in `secondsLeft`: the
 * first `limit` are allowed, every later one is refused until the window ends (at least 1 s).
 */
export function decisionOf(limit: number, requests: number, secondsLeft: number): RateDecision {
  if (requests <= limit) return { allowed: true, remaining: limit - requests };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsLeft)) };
}

/**
 * A fixed-window request counter per client in a table of the service's own database, shared by
 * every instance: one statement per counted request, which also deletes ended windows now and
 * then (at most once a window per instance, and only while requests come in: an idle service
 * runs no statement at all).
 *
 * When PostgreSQL fails or does not answer within COUNT_TIMEOUT_MS the request is counted in this
 * process's memory instead (fail open to the per-instance limit, logged once), and PostgreSQL is
 * asked again RETRY_STORE_AFTER_MS later: the caller never gets a 500 for it, and no client goes
 * unlimited.
 */
export class PostgresRateLimiter implements RateLimit {
  private readonly memory: RateLimiter;
  private nextPurgeAt = 0;
  private storeDownUntil = 0;
  private failing = false;

  constructor(
    private readonly query: RunQuery,
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly logger: RateLimitLog = new Logger(PostgresRateLimiter.name),
    private readonly now: () => number = Date.now,
  ) {
    this.memory = new RateLimiter(limit, windowMs, undefined, now);
  }

  async take(client: string): Promise<RateDecision> {
    const now = this.now();
    if (now < this.storeDownUntil) return this.memory.take(client);
    const purge = now >= this.nextPurgeAt;
    if (purge) this.nextPurgeAt = now + this.windowMs;
    try {
      const row = await this.count(client, purge);
      if (this.failing) {
        this.failing = false;
        this.logger.log('rate limit: PostgreSQL answers again; requests are counted there again');
      }
      // A full batch: there may be more ended windows; the next request deletes more.
      if (row.purged >= PURGE_BATCH) this.nextPurgeAt = 0;
      return decisionOf(this.limit, row.requests, row.seconds_left);
    } catch (error) {
      if (purge) this.nextPurgeAt = 0;
      this.storeDownUntil = now + RETRY_STORE_AFTER_MS;
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(
          `rate limit: counting in PostgreSQL failed (${(error as Error).message}); each instance counts its clients in memory until it answers again`,
        );
      }
      return this.memory.take(client);
    }
  }

  private async count(client: string, purge: boolean): Promise<CountedRow> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${COUNT_TIMEOUT_MS} ms`)),
        COUNT_TIMEOUT_MS,
      );
    });
    try {
      const rows = (await Promise.race([
        this.query(COUNT_REQUEST, [client, intervalOf(this.windowMs), purge]),
        timeout,
      ])) as CountedRow[];
      const row = rows[0];
      if (!row) throw new Error('the count returned no row');
      return row;
    } finally {
      clearTimeout(timer);
    }
  }
}
