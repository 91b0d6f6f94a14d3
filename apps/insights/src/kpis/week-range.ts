import { WEEK_MS, weekStartOf } from '../read-model/week';

/** The weeks GET /kpis/weekly lists without `from`: this one and the 11 before it. */
export const DEFAULT_WEEKS = 12;
/** The most weeks one answer lists: ten years. */
export const MAX_WEEKS = 520;

/** The weeks from the Monday `from` to the Monday `to` (YYYY-MM-DD), both listed. */
export interface WeekRange {
  from: string;
  to: string;
  /** How many weeks that is; 0 or less when `from` is after `to`. */
  weeks: number;
}

const mondayOf = (value: string): number => Date.parse(weekStartOf(Date.parse(value)));

/**
 * The weeks of GET /kpis/weekly: from the week of `from` to the week of `to`, both included
 * (a date is read as its day in UTC, a date-time as its instant, and the week is taken in UTC);
 * `to` defaults to the week of `now`, `from` to DEFAULT_WEEKS − 1 weeks before `to`. `from` and
 * `to` must be valid dates or date-times with an offset.
 */
export function weekRangeOf(from: string | undefined, to: string | undefined, now: number) {
  const last = to === undefined ? Date.parse(weekStartOf(now)) : mondayOf(to);
  const first = from === undefined ? last - (DEFAULT_WEEKS - 1) * WEEK_MS : mondayOf(from);
  return {
    from: weekStartOf(first),
    to: weekStartOf(last),
    weeks: Math.round((last - first) / WEEK_MS) + 1,
  } satisfies WeekRange;
}
