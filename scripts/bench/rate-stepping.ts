/**
 * The throughput search: step the offered rate up until the pipeline stops keeping up, then
 * bisect between the last rate it sustained and the first it did not. Pure, so it is tested
 * without a broker.
 */

/** A sample of the pipeline's backlog, taken during a step. */
export interface BacklogSample {
  /** Seconds since the step began. */
  readonly atSeconds: number;
  /** Messages not yet processed: consumer-group lag summed over the services, or referrals
   *  submitted but not yet fully processed. */
  readonly backlog: number;
}

export interface StepOutcome {
  /** The offered rate, referrals per second. */
  readonly rate: number;
  /** Requests the schedule called for, and those answered 201. */
  readonly scheduled: number;
  readonly accepted: number;
  /** Accepted referrals fully processed by the end of the grace period after the step. */
  readonly completed: number;
  readonly backlog: readonly BacklogSample[];
}

export interface StepVerdict {
  readonly sustained: boolean;
  readonly reason: string;
}

export interface StepCriteria {
  /** Share of scheduled requests that must be answered 201. */
  readonly minAcceptedShare: number;
  /** Share of accepted referrals that must be fully processed within the grace period. */
  readonly minCompletedShare: number;
  /** A backlog of up to this many seconds of offered load is noise, not a queue. */
  readonly backlogToleranceSeconds: number;
  /** A backlog growing faster than this share of the offered rate per second is a queue. */
  readonly maxBacklogGrowthShare: number;
}

export const DEFAULT_CRITERIA: StepCriteria = {
  minAcceptedShare: 0.99,
  minCompletedShare: 0.99,
  backlogToleranceSeconds: 2,
  maxBacklogGrowthShare: 0.05,
};

/** Least-squares slope of the backlog over time, in messages per second; 0 with < 2 samples. */
export function backlogSlope(samples: readonly BacklogSample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const meanT = samples.reduce((sum, s) => sum + s.atSeconds, 0) / n;
  const meanB = samples.reduce((sum, s) => sum + s.backlog, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const sample of samples) {
    numerator += (sample.atSeconds - meanT) * (sample.backlog - meanB);
    denominator += (sample.atSeconds - meanT) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Whether the backlog grew during the step: above the tolerance at the end and still rising. */
export function backlogIsGrowing(
  samples: readonly BacklogSample[],
  rate: number,
  criteria: StepCriteria = DEFAULT_CRITERIA,
): boolean {
  const last = samples[samples.length - 1];
  if (!last) return false;
  return (
    last.backlog > rate * criteria.backlogToleranceSeconds &&
    backlogSlope(samples) > rate * criteria.maxBacklogGrowthShare
  );
}

/** Whether the pipeline sustained the step's rate, and if not, why. */
export function judgeStep(
  outcome: StepOutcome,
  criteria: StepCriteria = DEFAULT_CRITERIA,
): StepVerdict {
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  if (outcome.scheduled === 0) return { sustained: false, reason: 'nothing was offered' };
  const acceptedShare = outcome.accepted / outcome.scheduled;
  if (acceptedShare < criteria.minAcceptedShare) {
    return { sustained: false, reason: `only ${percent(acceptedShare)} of requests answered 201` };
  }
  const completedShare = outcome.accepted === 0 ? 0 : outcome.completed / outcome.accepted;
  if (completedShare < criteria.minCompletedShare) {
    return {
      sustained: false,
      reason: `only ${percent(completedShare)} fully processed by the end of the grace period`,
    };
  }
  if (backlogIsGrowing(outcome.backlog, outcome.rate, criteria)) {
    const slope = backlogSlope(outcome.backlog).toFixed(0);
    return { sustained: false, reason: `backlog growing by ${slope} messages/s` };
  }
  return { sustained: true, reason: `${percent(completedShare)} processed, no growing backlog` };
}

export interface SteppingPlan {
  readonly startRate: number;
  /** Each rate is the previous one times this, until a step fails. */
  readonly factor: number;
  readonly maxRate: number;
  /** Bisection ends when the gap between sustained and failed is at most this share. */
  readonly resolution: number;
  /** The most steps in all. */
  readonly maxSteps: number;
}

/** The next rate to try after `steps` (in the order they ran), or null when the search is over. */
export function nextRate(
  steps: readonly { rate: number; sustained: boolean }[],
  plan: SteppingPlan,
): number | null {
  if (steps.length === 0) return plan.startRate;
  if (steps.length >= plan.maxSteps) return null;
  const sustained = steps.filter((step) => step.sustained).map((step) => step.rate);
  const failed = steps.filter((step) => !step.sustained).map((step) => step.rate);
  const best = sustained.length > 0 ? Math.max(...sustained) : 0;
  if (failed.length === 0) {
    const next = Math.round(best * plan.factor);
    return best >= plan.maxRate ? null : Math.min(next, plan.maxRate);
  }
  const lowestFailed = Math.min(...failed.filter((rate) => rate > best), Infinity);
  if (lowestFailed === Infinity) return null;
  if (lowestFailed - best <= Math.max(1, lowestFailed * plan.resolution)) return null;
  return Math.round((best + lowestFailed) / 2);
}

/** The highest rate sustained, or 0. */
export function bestSustainedRate(steps: readonly { rate: number; sustained: boolean }[]): number {
  return Math.max(0, ...steps.filter((step) => step.sustained).map((step) => step.rate));
}
