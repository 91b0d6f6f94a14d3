import { Caller } from './caller';

interface Verified {
  readonly caller: Caller;
  /** The token's `exp`, in milliseconds. */
  readonly expiresAtMs: number;
}

/**
 * Tokens already verified, until their expiry: the rate limiter and the guard of one request, and
 * the many requests of one client, verify a token's signature once. Bounded: beyond `maxTokens`
 * the one verified longest ago is forgotten first (and verified again if it comes back).
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, Verified>();

  constructor(
    private readonly maxTokens = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.tokens.size;
  }

  /** The caller of a token verified before and not expired since. */
  get(token: string): Caller | undefined {
    const verified = this.tokens.get(token);
    if (!verified) return undefined;
    if (verified.expiresAtMs <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return verified.caller;
  }

  /** Remembers a verified token until `exp` (seconds since the epoch, as in the token). */
  remember(token: string, caller: Caller, exp: number): void {
    this.tokens.delete(token);
    this.tokens.set(token, { caller, expiresAtMs: exp * 1000 });
    if (this.tokens.size > this.maxTokens) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
  }
}
