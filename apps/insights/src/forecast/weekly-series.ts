import { WEEK_MS, weekStartOf } from '../read-model/week';
import { ForecastInputError } from './forecast-input.error';

/**
 * Referrals of one category in one area, counted week by week. Counts only: no referral, no
 * person, nothing from which anyone could be picked out.
 */
export interface WeeklySeries {
  /** The Monday (YYYY-MM-DD) of the first week; weeks run Monday to Monday in UTC, as the rollups count them. */
  start: string;
  /** counts[i] is the number of referrals in the i-th week from `start`; a week with none is 0, not missing. */
  counts: number[];
}

/** The Monday `weeks` weeks after the Monday `monday` (YYYY-MM-DD); negative goes back. */
export const addWeeks = (monday: string, weeks: number): string =>
  weekStartOf(Date.parse(monday) + weeks * WEEK_MS);

/** The Mondays of the `horizon` weeks that follow the series' last week. */
export const weeksAfter = (series: WeeklySeries, horizon: number): string[] =>
  Array.from({ length: horizon }, (_, step) => addWeeks(series.start, series.counts.length + step));

/** Rejects a series the arithmetic cannot trust: a start that is not a Monday, a count below 0. */
export function assertWeeklySeries(series: WeeklySeries): void {
  const start = Date.parse(series.start);
  const monday =
    /^\d{4}-\d{2}-\d{2}$/.test(series.start) &&
    !Number.isNaN(start) &&
    weekStartOf(start) === series.start;
  if (!monday) {
    throw new ForecastInputError(
      'SERIES_START_NOT_A_MONDAY',
      `A weekly series starts on the Monday of its first week (YYYY-MM-DD); got "${series.start}".`,
    );
  }
  const invalid = series.counts.findIndex((count) => !Number.isFinite(count) || count < 0);
  if (invalid >= 0) {
    throw new ForecastInputError(
      'SERIES_COUNT_INVALID',
      `Weekly counts are finite and not negative; week ${invalid} (${addWeeks(series.start, invalid)}) has ${series.counts[invalid]}.`,
    );
  }
}
