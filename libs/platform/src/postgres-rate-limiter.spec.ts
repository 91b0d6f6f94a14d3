import { loadConfig } from './load-config';
import {
  COUNT_TIMEOUT_MS,
  decisionOf,
  intervalOf,
  PostgresRateLimiter,
  PURGE_BATCH,
  RateLimitLog,
  RETRY_STORE_AFTER_MS,
  RunQuery,
} from './postgres-rate-limiter';
import { ServiceConfig } from './service-config';

const clock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

/** A database that counts like the real statement, in one window that ends in 30 s. */
const countingDatabase = (purged = 0) => {
  const counts = new Map<string, number>();
  const calls: unknown[][] = [];
  const query: RunQuery = async (_sql, parameters) => {
    calls.push(parameters);
    const client = String(parameters[0]);
    counts.set(client, (counts.get(client) ?? 0) + 1);
    return [{ requests: counts.get(client), seconds_left: 30, purged: parameters[2] ? purged : 0 }];
  };
  return { query, calls };
};

const failingDatabase = () => {
  let calls = 0;
  const query: RunQuery = async () => {
    calls += 1;
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  };
  return { query, calls: () => calls };
};

const quietLog = (): RateLimitLog & { lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    warn: (message: unknown) => void lines.push(`warn: ${String(message)}`),
    log: (message: unknown) => void lines.push(`log: ${String(message)}`),
  };
};

describe('a count in PostgreSQL as a decision', () => {
  it('allows the requests up to the limit and says how many remain', () => {
    expect([decisionOf(3, 1, 59), decisionOf(3, 3, 59)]).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 0 },
    ]);
  });

  it('refuses the request after the limit until its window ends, in whole seconds', () => {
    expect(decisionOf(3, 4, 44.2)).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it('never tells a refused client to retry in less than a second', () => {
    expect(decisionOf(3, 9, 0.004)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('names the window as a PostgreSQL interval', () => {
    expect(intervalOf(60_000)).toBe('60000 milliseconds');
  });
});

describe('PostgresRateLimiter', () => {
  it('counts each request with one statement naming the client and the window', async () => {
    const database = countingDatabase();
    const limiter = new PostgresRateLimiter(database.query, 2, 60_000, quietLog(), clock().now);
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push((await limiter.take('ip:203.0.113.7')).allowed);
    expect([decisions, database.calls.map(([client, window]) => [client, window])]).toEqual([
      [true, true, false],
      Array(3).fill(['ip:203.0.113.7', '60000 milliseconds']),
    ]);
  });

  it('deletes ended windows with the first count, then not again until a window has passed', async () => {
    const time = clock();
    const database = countingDatabase();
    const limiter = new PostgresRateLimiter(database.query, 100, 60_000, quietLog(), time.now);
    await limiter.take('a');
    time.advance(59_000);
    await limiter.take('a');
    time.advance(1_000);
    await limiter.take('a');
    expect(database.calls.map(([, , purge]) => purge)).toEqual([true, false, true]);
  });

  it('deletes more with the next count when a purge deleted a full batch', async () => {
    const database = countingDatabase(PURGE_BATCH);
    const limiter = new PostgresRateLimiter(database.query, 100, 60_000, quietLog(), clock().now);
    await limiter.take('a');
    await limiter.take('a');
    expect(database.calls.map(([, , purge]) => purge)).toEqual([true, true]);
  });

  it('counts in memory while PostgreSQL fails: no error, and the limit still holds', async () => {
    const limiter = new PostgresRateLimiter(
      failingDatabase().query,
      2,
      60_000,
      quietLog(),
      clock().now,
    );
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push((await limiter.take('ip:203.0.113.7')).allowed);
    expect(decisions).toEqual([true, true, false]);
  });

  it('says once that it counts in memory, and once that PostgreSQL answers again', async () => {
    const time = clock();
    const log = quietLog();
    let down = true;
    const counting = countingDatabase();
    const query: RunQuery = (sql, parameters) =>
      down ? Promise.reject(new Error('connection terminated')) : counting.query(sql, parameters);
    const limiter = new PostgresRateLimiter(query, 100, 60_000, log, time.now);
    for (let i = 0; i < 3; i++) {
      await limiter.take('a');
      time.advance(RETRY_STORE_AFTER_MS);
    }
    down = false;
    await limiter.take('a');
    await limiter.take('a');
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^warn: rate limit: counting in PostgreSQL failed \(connection terminated\); each instance counts/,
      ),
      'log: rate limit: PostgreSQL answers again; requests are counted there again',
    ]);
  });

  it('asks PostgreSQL again only RETRY_STORE_AFTER_MS after a failure', async () => {
    const time = clock();
    const database = failingDatabase();
    const limiter = new PostgresRateLimiter(database.query, 100, 60_000, quietLog(), time.now);
    await limiter.take('a');
    time.advance(RETRY_STORE_AFTER_MS - 1);
    await limiter.take('a');
    const beforeRetry = database.calls();
    time.advance(1);
    await limiter.take('a');
    expect([beforeRetry, database.calls()]).toEqual([1, 2]);
  });

  it('counts in memory a request whose count does not come back in time', async () => {
    jest.useFakeTimers();
    try {
      const never: RunQuery = () => new Promise(() => undefined);
      const limiter = new PostgresRateLimiter(never, 1, 60_000, quietLog(), clock().now);
      const decision = limiter.take('a');
      jest.advanceTimersByTime(COUNT_TIMEOUT_MS);
      expect(await decision).toEqual({ allowed: true, remaining: 0 });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('the RATE_LIMIT_STORE setting', () => {
  const BASE = {
    HTTP_PORT: '3000',
    DATABASE_URL: 'postgres://concord@127.0.0.1:5432/concord_referrals',
    KAFKA_BROKERS: '127.0.0.1:9092',
    AUTH_PUBLIC_KEY_FILE: '/keys/dev-public.pem',
  };

  it('counts in PostgreSQL in production and in memory elsewhere, unless set', () => {
    const production = {
      ...BASE,
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp/jwks',
      KAFKA_ALLOW_PLAINTEXT: 'true',
    };
    expect([
      loadConfig(ServiceConfig, production).rateLimitStore,
      loadConfig(ServiceConfig, { ...production, RATE_LIMIT_STORE: 'memory' }).rateLimitStore,
      loadConfig(ServiceConfig, { ...BASE, NODE_ENV: 'development' }).rateLimitStore,
      loadConfig(ServiceConfig, { ...BASE, NODE_ENV: 'test' }).rateLimitStore,
      loadConfig(ServiceConfig, { ...BASE, RATE_LIMIT_STORE: 'postgres' }).rateLimitStore,
    ]).toEqual(['postgres', 'memory', 'memory', 'memory', 'postgres']);
  });

  it('refuses another store, naming the setting', () => {
    expect(() => loadConfig(ServiceConfig, { ...BASE, RATE_LIMIT_STORE: 'redis' })).toThrow(
      /RATE_LIMIT_STORE: RATE_LIMIT_STORE must be memory or postgres/,
    );
  });
});
