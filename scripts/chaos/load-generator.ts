import { randomUUID } from 'node:crypto';
import { ChaosApi } from './chaos-api';
import { crisisCall } from '../support/crisis-call';
import { sleep } from './poll';
import { Acknowledgement } from './reconciliation';

export interface LoadResult {
  sent: number;
  acknowledged: Acknowledgement[];
  /** Submissions that never got a 201 within the retry window, with the last answer or error. */
  unacknowledged: { idempotencyKey: string; last: string }[];
}

/** How long dispatch keeps retrying one submission before it gives up on it. */
const GIVE_UP_AFTER_MS = 180_000;
const RETRY_PAUSE_MS = 300;

/**
 * Dispatch under load: `count` referrals at `rate` per second, each POST /referrals with its own
 * Idempotency-Key; a refused connection, a timeout or a 5xx is retried with the same key, so that
 * a referral the service stored before it died is answered, not stored again.
 */
export async function submitReferrals(
  api: ChaosApi,
  agencyId: string,
  options: { count: number; rate: number; incidentPrefix: string },
): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, acknowledged: [], unacknowledged: [] };
  const submissions: Promise<void>[] = [];
  const interval = 1000 / options.rate;
  const started = Date.now();
  for (let n = 0; n < options.count; n++) {
    await sleep(Math.max(0, started + n * interval - Date.now()));
    result.sent++;
    submissions.push(submitOne(api, agencyId, `${options.incidentPrefix}-${n}`, result));
  }
  await Promise.all(submissions);
  return result;
}

async function submitOne(
  api: ChaosApi,
  agencyId: string,
  incidentReference: string,
  result: LoadResult,
): Promise<void> {
  const idempotencyKey = randomUUID();
  const body = crisisCall(incidentReference);
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const answer = await api.call(
        { role: 'dispatcher', org: agencyId },
        'referrals',
        'POST',
        '/referrals',
        body,
        { 'Idempotency-Key': idempotencyKey },
      );
      if (answer.status === 201) {
        result.acknowledged.push({
          idempotencyKey,
          referralId: answer.body.id as string,
          incidentReference,
        });
        return;
      }
      last = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
      // A 4xx will not change on a retry, except a conflict while the first try is in flight.
      if (answer.status < 500 && answer.status !== 409 && answer.status !== 429) break;
    } catch (error) {
      last = String(error);
    }
    await sleep(RETRY_PAUSE_MS);
  }
  result.unacknowledged.push({ idempotencyKey, last });
}
