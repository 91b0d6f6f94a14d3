import { Logger } from '@nestjs/common';

/**
 * What a round says of the next one: `'again'` starts it at once (a full batch: there may be
 * more); `{ nextInMs }` when the earliest work it knows of falls due (at most `intervalMs`);
 * nothing, `intervalMs` later.
 */
export type RoundOutcome = 'again' | { readonly nextInMs: number } | void;

/** How soon a round that failed is tried again. */
const FAILED_ROUND_RETRY_MS = 1000;

export interface PeriodicWorkOptions {
  /** Named in the log when a round fails. */
  readonly name: string;
  /**
   * The longest pause between the end of one round and the start of the next: the fallback sweep
   * for work no one woke the worker for (what a crashed process left). A function is asked
   * after every round.
   */
  readonly intervalMs: number | (() => number);
  /** The pause before the first round; none unless given. */
  readonly firstDelayMs?: number;
  /**
   * One round of the work. A round that throws is logged and tried again a second later (or
   * after `intervalMs` if shorter): a broker or database that is back is used at once, not after
   * the fallback sweep.
   */
  readonly round: () => Promise<RoundOutcome>;
}

/**
 * The lifecycle every periodic worker shares — the outbox relay, the consumer's retry worker, the
 * agreement scheduler, the offer deadline sweeper, the delivery worker, the audit purge: never
 * two rounds at once; the next one when woken (`runNow`, after the commit that gave it work), when
 * the earliest work the last round saw falls due, or a fallback interval after the last ended,
 * so that an idle system does not poll; at shutdown no new round and the running one awaited,
 * before the database pool closes.
 */
export class PeriodicWork {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private started = false;
  private stopped = false;

  constructor(private readonly options: PeriodicWorkOptions) {
    this.logger = new Logger(options.name);
  }

  /**
   * Nest calls bootstrap hooks once for the application and once more for its connected
   * microservice (the event consumer), over the same providers: only the first call starts.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(this.options.firstDelayMs ?? 0);
  }

  /**
   * Starts a round now, or asks the running one to be followed by another at once. Before
   * start() it does nothing: start() runs (or schedules) the first round itself.
   */
  runNow(): void {
    if (this.stopped || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.run();
  }

  /** True once stop() was called: a long round checks it between batches. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** No round starts any more; resolves when the running one has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    this.running = this.options
      .round()
      .catch((error: unknown): RoundOutcome => {
        this.logger.warn(`${this.options.name}: ${String(error)}`);
        return { nextInMs: FAILED_ROUND_RETRY_MS };
      })
      .then((outcome) => {
        this.running = undefined;
        const now = outcome === 'again' || this.again;
        this.again = false;
        const { intervalMs } = this.options;
        const fallback = typeof intervalMs === 'function' ? intervalMs() : intervalMs;
        const due =
          typeof outcome === 'object'
            ? Math.max(0, Math.min(outcome.nextInMs, fallback))
            : fallback;
        this.schedule(now ? 0 : due);
      });
  }
}
