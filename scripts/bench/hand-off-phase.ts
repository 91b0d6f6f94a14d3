import { HandOffTracker, now, ReferralTimes, Submission } from './hand-off-tracker';
import { LoadRun, LoadTarget, runOpenLoop } from './open-loop-load';
import { LatencySummary, summarize } from './stats';

/** The hops of the hand-off path, each from one stamp to the next. */
export const HOPS = [
  'http: due → 201',
  'intake: due → submitted recorded (ce_time)',
  'relay: submitted recorded → on Kafka',
  'engine: submitted on Kafka → assigned recorded',
  'relay: assigned recorded → on Kafka',
  'funding: assigned on Kafka → reserved recorded',
  'relay: reserved recorded → on Kafka',
  'notifications: assigned on Kafka → webhook received',
] as const;
export type Hop = (typeof HOPS)[number];

export interface PhaseResult {
  readonly label: string;
  readonly rate: number;
  readonly seconds: number;
  readonly scheduled: number;
  readonly accepted: number;
  readonly failed: number;
  readonly completed: number;
  readonly maxSendDelayMs: number;
  readonly submitToAnsweredMs: LatencySummary;
  readonly submitToAssignedMs: LatencySummary;
  readonly submitToReservedMs: LatencySummary;
  readonly submitToWebhookMs: LatencySummary;
  readonly hopsMs: Record<Hop, LatencySummary>;
}

/** The hop durations of one referral, where both ends were seen. */
function hopsOf(submission: Submission, times: ReferralTimes): Partial<Record<Hop, number>> {
  const { submitted, assigned, reserved, webhookAt } = times;
  const hops: Partial<Record<Hop, number>> = {};
  const put = (hop: Hop, from?: number, to?: number) => {
    if (from !== undefined && to !== undefined) hops[hop] = to - from;
  };
  put('http: due → 201', submission.dueAt, submission.answeredAt);
  put('intake: due → submitted recorded (ce_time)', submission.dueAt, submitted?.ceTime);
  put('relay: submitted recorded → on Kafka', submitted?.ceTime, submitted?.logTime);
  put('engine: submitted on Kafka → assigned recorded', submitted?.logTime, assigned?.ceTime);
  put('relay: assigned recorded → on Kafka', assigned?.ceTime, assigned?.logTime);
  put('funding: assigned on Kafka → reserved recorded', assigned?.logTime, reserved?.ceTime);
  put('relay: reserved recorded → on Kafka', reserved?.ceTime, reserved?.logTime);
  put('notifications: assigned on Kafka → webhook received', assigned?.logTime, webhookAt);
  return hops;
}

/** Waits until every accepted referral is fully processed, or `graceMs` passed. */
export async function awaitCompletion(
  tracker: HandOffTracker,
  referralIds: string[],
  graceMs: number,
): Promise<number> {
  const deadline = now() + graceMs;
  for (;;) {
    const completed = referralIds.filter((id) => tracker.isComplete(id)).length;
    if (completed === referralIds.length || now() > deadline) return completed;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Summarises a load run once its referrals were processed (or the grace period ran out). */
export function summarizePhase(
  label: string,
  run: LoadRun,
  tracker: HandOffTracker,
  completed: number,
): PhaseResult {
  const accepted = run.submissions.filter((s) => s.status === 201 && s.referralId);
  const since = (pick: (times: ReferralTimes) => number | undefined) =>
    summarize(
      accepted.flatMap((s) => {
        const at = pick(tracker.timesOf(s.referralId as string));
        return at === undefined ? [] : [at - s.dueAt];
      }),
    );
  const hopSamples = new Map<Hop, number[]>(HOPS.map((hop) => [hop, []]));
  for (const submission of accepted) {
    const hops = hopsOf(submission, tracker.timesOf(submission.referralId as string));
    for (const [hop, ms] of Object.entries(hops) as [Hop, number][]) hopSamples.get(hop)?.push(ms);
  }
  return {
    label,
    rate: run.rate,
    seconds: run.seconds,
    scheduled: run.submissions.length,
    accepted: accepted.length,
    failed: run.submissions.length - accepted.length,
    completed,
    maxSendDelayMs: Math.round(run.maxSendDelayMs),
    submitToAnsweredMs: summarize(
      accepted.map((s) => (s.answeredAt as number) - s.dueAt).filter(Number.isFinite),
    ),
    submitToAssignedMs: since((times) => times.assigned?.seenAt),
    submitToReservedMs: since((times) => times.reserved?.seenAt),
    submitToWebhookMs: since((times) => times.webhookAt),
    hopsMs: Object.fromEntries(
      [...hopSamples].map(([hop, samples]) => [hop, summarize(samples)]),
    ) as Record<Hop, LatencySummary>,
  };
}

/** One open-loop phase at `rate`: fire, wait for the pipeline, summarise, forget. */
export async function runHandOffPhase(
  target: LoadTarget,
  tracker: HandOffTracker,
  label: string,
  rate: number,
  seconds: number,
  graceMs: number,
): Promise<PhaseResult> {
  const run = await runOpenLoop(target, rate, seconds, label);
  const ids = run.submissions.flatMap((s) => (s.referralId ? [s.referralId] : []));
  const completed = await awaitCompletion(tracker, ids, graceMs);
  const result = summarizePhase(label, run, tracker, completed);
  tracker.forget(ids);
  return result;
}
