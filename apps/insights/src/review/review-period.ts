import { quarterEnd, quarterOf, quarterStart } from '../partnership/quarter';

/**
 * The period a partnership review covers: whole days in UTC, from `from` to `to` (both included),
 * either a calendar quarter (`2026-Q4`) or any run of days; and the period before it to compare
 * with — the quarter before a quarter, else as many days ending the day before.
 */
export interface ReviewPeriod {
  /** `2026-Q4` for a quarter, else `2026-10-01..2026-11-15`. */
  readonly label: string;
  /** The first day, YYYY-MM-DD, included. */
  readonly from: string;
  /** The last day, YYYY-MM-DD, included. */
  readonly to: string;
  /**
   * The calendar quarters lying wholly inside the period: what the per-quarter figures
   * (feedback, trainings and attendance per quarter) are read for.
   */
  readonly quarters: readonly string[];
}

const DAY_MS = 24 * 3600 * 1000;
const QUARTER = /^\d{4}-Q[1-4]$/;

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The quarter a day falls in: `2026-Q4`. */
const quarterOfDay = (day: string): string => quarterOf(new Date(msOf(day)));

/** True for `YYYY-Qn`, n from 1 to 4. */
export const isQuarter = (value: unknown): value is string =>
  typeof value === 'string' && QUARTER.test(value);

/** The first and last day of a quarter. */
const quarterBounds = (quarter: string): { from: string; to: string } => ({
  from: dayOf(quarterStart(quarter).getTime()),
  to: dayOf(quarterEnd(quarter).getTime() - DAY_MS),
});

function wholeQuartersOf(from: string, to: string): string[] {
  const quarters: string[] = [];
  for (let day = from; msOf(day) <= msOf(to);) {
    const quarter = quarterOfDay(day);
    const bounds = quarterBounds(quarter);
    if (bounds.from >= from && bounds.to <= to) quarters.push(quarter);
    day = dayOf(msOf(bounds.to) + DAY_MS);
  }
  return quarters;
}

/** The calendar quarter `2026-Q4` as a period. */
export function quarterPeriod(quarter: string): ReviewPeriod {
  const { from, to } = quarterBounds(quarter);
  return { label: quarter, from, to, quarters: [quarter] };
}

/** The days from `from` to `to` (YYYY-MM-DD, both included; `to` not before `from`). */
export function daysPeriod(from: string, to: string): ReviewPeriod {
  if (msOf(to) < msOf(from)) throw new RangeError(`${to} is before ${from}`);
  return { label: `${from}..${to}`, from, to, quarters: wholeQuartersOf(from, to) };
}

/** How many days the period holds. */
export const daysOf = (period: ReviewPeriod): number =>
  Math.round((msOf(period.to) - msOf(period.from)) / DAY_MS) + 1;

/** The first moment of the period, as an RFC 3339 date-time (UTC). */
export const startOf = (period: ReviewPeriod): string => `${period.from}T00:00:00.000Z`;

/** The first moment after the period. */
export const endOf = (period: ReviewPeriod): string =>
  new Date(msOf(period.to) + DAY_MS).toISOString();

/** The quarter before a quarter; otherwise as many days, ending the day before the period. */
export function previousPeriod(period: ReviewPeriod): ReviewPeriod {
  const dayBefore = dayOf(msOf(period.from) - DAY_MS);
  if (isQuarter(period.label)) return quarterPeriod(quarterOfDay(dayBefore));
  return daysPeriod(dayOf(msOf(period.from) - daysOf(period) * DAY_MS), dayBefore);
}

/** The latest quarter that has ended by `now`: what a review reads without a period asked for. */
export function latestCompleteQuarter(now: Date): ReviewPeriod {
  const current = quarterPeriod(quarterOfDay(now.toISOString().slice(0, 10)));
  return previousPeriod(current);
}
