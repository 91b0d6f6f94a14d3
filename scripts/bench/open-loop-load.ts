import { crisisCall } from '../support/crisis-call';
import { now, Submission } from './hand-off-tracker';

export interface LoadTarget {
  /** Base URL of the referrals service. */
  readonly referralsUrl: string;
  /** A dispatcher's bearer token for the agency. */
  readonly dispatcherToken: string;
}

export interface LoadRun {
  readonly rate: number;
  readonly seconds: number;
  readonly submissions: Submission[];
  /** The most any request was sent after its due time, ms: the generator's own lag. */
  readonly maxSendDelayMs: number;
}

const TICK_MS = 2;

/**
 * Fires `POST /referrals` at `rate` per second for `seconds`, OPEN-LOOP: each request goes out
 * at its due time whether or not earlier ones were answered, so a slow system meets the same
 * load a real dispatch centre would send (no coordinated omission). Resolves when every request
 * has been answered or failed.
 */
export async function runOpenLoop(
  target: LoadTarget,
  rate: number,
  seconds: number,
  label: string,
): Promise<LoadRun> {
  const total = Math.round(rate * seconds);
  const submissions: Submission[] = [];
  const pending: Promise<void>[] = [];
  const start = now() + 20;
  let maxSendDelayMs = 0;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const at = now();
      while (next < total && start + (next * 1000) / rate <= at) {
        const submission: Submission = {
          reference: `BENCH-${label}-${next}`,
          dueAt: start + (next * 1000) / rate,
        };
        submissions.push(submission);
        pending.push(submit(target, submission));
        maxSendDelayMs = Math.max(maxSendDelayMs, at - submission.dueAt);
        next++;
      }
      if (next >= total) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  await Promise.all(pending);
  return { rate, seconds, submissions, maxSendDelayMs };
}

async function submit(target: LoadTarget, submission: Submission): Promise<void> {
  submission.sentAt = now();
  try {
    const response = await fetch(`${target.referralsUrl}/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.dispatcherToken}`,
        'content-type': 'application/json',
        'idempotency-key': submission.reference,
      },
      body: JSON.stringify(crisisCall(submission.reference)),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    submission.answeredAt = now();
    submission.status = response.status;
    if (response.status === 201) submission.referralId = body.id;
  } catch {
    submission.answeredAt = now();
    submission.status = 0;
  }
}
