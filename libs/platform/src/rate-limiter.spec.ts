import { RateLimiter } from './rate-limiter';

const clock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('RateLimiter', () => {
  it('allows exactly the limit within one window and refuses the next request', () => {
    const limiter = new RateLimiter(3, 60_000, 100, clock().now);
    const decisions = [1, 2, 3, 4].map(() => limiter.take('a').allowed);
    expect(decisions).toEqual([true, true, true, false]);
  });

  it('tells a refused client how many whole seconds remain until its window ends', () => {
    const time = clock();
    const limiter = new RateLimiter(1, 60_000, 100, time.now);
    limiter.take('a');
    time.advance(15_500);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it('lets a client in again once its window has passed', () => {
    const time = clock();
    const limiter = new RateLimiter(1, 60_000, 100, time.now);
    limiter.take('a');
    time.advance(60_000);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('counts each client on its own', () => {
    const limiter = new RateLimiter(1, 60_000, 100, clock().now);
    limiter.take('a');
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('never remembers more than maxClients clients', () => {
    const limiter = new RateLimiter(1, 60_000, 3, clock().now);
    for (let i = 0; i < 1000; i++) limiter.take(`flood-${i}`);
    expect(limiter.trackedClients).toBe(3);
  });

  it('forgets the least recently seen client first when full', () => {
    const limiter = new RateLimiter(1, 60_000, 3, clock().now);
    for (const client of ['a', 'b', 'c']) limiter.take(client);
    limiter.take('a'); // a is now the most recently seen; b the least
    limiter.take('d'); // pushes out b, not a
    expect([limiter.take('a').allowed, limiter.take('b').allowed]).toEqual([false, true]);
  });
});
