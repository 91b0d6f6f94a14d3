export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Counts requests per client within a fixed window: RateLimiter in the process's memory, or
 * PostgresRateLimiter in a table every instance of a service shares (RATE_LIMIT_STORE).
 */
export interface RateLimit {
  /** Requests one client may make per window. */
  readonly limit: number;
  /** Counts one request of `client`, and says whether it is within the limit. */
  take(client: string): RateDecision | Promise<RateDecision>;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * A fixed-window request counter per client, in memory, bounded: it remembers at most
 * `maxClients` clients and forgets the one seen longest ago first (a Map keeps insertion order,
 * and a client is moved to the end each time it is seen). A forgotten client starts a new window,
 * so the bound costs at most one extra window's worth of requests for a client pushed out by
 * `maxClients` others, never unbounded memory.
 */
export class RateLimiter implements RateLimit {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get trackedClients(): number {
    return this.windows.size;
  }

  /** Counts one request of `client`, and says whether it is within the limit. */
  take(client: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(client);
    this.windows.delete(client);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
    }
    this.windows.set(client, window);
    if (this.windows.size > this.maxClients) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    if (window.count >= this.limit) {
      const retryAfterMs = window.startedAt + this.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    window.count += 1;
    return { allowed: true, remaining: this.limit - window.count };
  }
}
