import { createHash } from 'node:crypto';
import { ChaosApi } from './chaos-api';
import { sleep } from './poll';

/** What a partner does with an offer, decided from the referral id so that a rerun does the same. */
export type PartnerDecision = 'decline' | 'leave-offered' | 'accept' | 'accept-and-complete';

/**
 * Alpha (offered first) declines one in ten, which sends it to Bravo; it leaves one in twenty
 * offered, accepts the rest and completes half of those. Bravo declines one in five (the
 * referral then has no partner left: unassignable) and accepts and completes the rest.
 */
export function decide(referralId: string, partner: 'alpha' | 'bravo'): PartnerDecision {
  const roll = createHash('sha256').update(referralId).digest().readUInt16BE(0) % 100;
  if (partner === 'bravo') return roll < 20 ? 'decline' : 'accept-and-complete';
  if (roll < 10) return 'decline';
  if (roll < 15) return 'leave-offered';
  return roll % 2 === 0 ? 'accept' : 'accept-and-complete';
}

const POLL_MS = 500;

/**
 * Both partners' case workers: they read their queue of offers over the API and act on each as
 * `decide` says. Errors (a service down, a step already taken) are left for the next pass.
 */
export class PartnerWorkers {
  private running = false;
  private loop?: Promise<void>;
  /** Referrals a partner is done with (its steps answered 2xx or 409). */
  private readonly done = new Set<string>();

  constructor(
    private readonly api: ChaosApi,
    private readonly partners: { alpha: string; bravo: string },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      for (const name of ['alpha', 'bravo'] as const) {
        await this.workQueue(name).catch(() => undefined);
      }
      await sleep(POLL_MS);
    }
  }

  private async workQueue(name: 'alpha' | 'bravo'): Promise<void> {
    const as = { role: 'partner' as const, org: this.partners[name] };
    let after: string | undefined;
    do {
      const page = await this.api.call(
        as,
        'referrals',
        'GET',
        `/referrals?status=offered&limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      if (page.status !== 200) return;
      for (const item of page.body.items as { id: string }[]) {
        const key = `${name}/${item.id}`;
        if (this.done.has(key)) continue;
        if (await this.act(as, item.id, decide(item.id, name))) this.done.add(key);
      }
      after = page.body.nextCursor as string | undefined;
    } while (after && this.running);
  }

  /** Takes the steps of `decision`; true when all of them are taken (now or before). */
  private async act(
    as: { role: 'partner'; org: string },
    referralId: string,
    decision: PartnerDecision,
  ): Promise<boolean> {
    const steps: [string, unknown][] =
      decision === 'leave-offered'
        ? []
        : decision === 'decline'
          ? [['decline', { reason: 'no-capacity' }]]
          : [
              ['accept', undefined],
              ...(decision === 'accept-and-complete'
                ? ([
                    ['contact', { note: 'Reached by phone.' }],
                    ['complete', { outcome: 'successful' }],
                  ] as [string, unknown][])
                : []),
            ];
    for (const [step, body] of steps) {
      const answer = await this.api.call(
        as,
        'referrals',
        'POST',
        `/referrals/${referralId}/${step}`,
        body,
      );
      if (answer.status >= 300 && answer.status !== 409) return false;
    }
    return true;
  }
}
