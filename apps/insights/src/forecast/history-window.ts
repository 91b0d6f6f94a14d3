import { WEEK_MS, weekStartOf } from '../read-model/week';
import { addWeeks } from './weekly-series';

/**
 * The most weeks of history a forecast is made from: three years, the length the synthetic
 * accuracy test is run on. Older weeks say little about next quarter's demand, and the bound
 * keeps the time to answer small however long Concord has run.
 */
export const MAX_HISTORY_WEEKS = 156;

/** The complete weeks a forecast is made from, Mondays (YYYY-MM-DD) of the first and last. */
export interface HistoryWindow {
  from: string;
  to: string;
  weeks: number;
}

/**
 * The complete weeks (Monday to Monday, UTC) from the week of `first` to the week before the
 * current one, at most MAX_HISTORY_WEEKS of them; null when there is no complete week, that is,
 * when `first` is missing or in the current week. The current week is left out because it is
 * not over: its count so far would read as a drop in demand.
 */
export function historyWindow(first: Date | null, now: number): HistoryWindow | null {
  if (first === null) return null;
  const to = addWeeks(weekStartOf(now), -1);
  const earliest = addWeeks(to, -(MAX_HISTORY_WEEKS - 1));
  const firstWeek = weekStartOf(first.getTime());
  const from = firstWeek < earliest ? earliest : firstWeek;
  const weeks = Math.round((Date.parse(to) - Date.parse(from)) / WEEK_MS) + 1;
  return weeks < 1 ? null : { from, to, weeks };
}

/** The instant the window ends: the Monday after its last week, 00:00 UTC. */
export const windowEnd = (window: HistoryWindow): string => addWeeks(window.to, 1);

/**
 * One count per week of the window, oldest first, from rows of the weeks that had any: a week
 * without a row had none, and counts 0.
 */
export function weeklyCounts(
  window: HistoryWindow,
  rows: readonly { week: string; count: number }[],
): number[] {
  const counts = Array<number>(window.weeks).fill(0);
  for (const { week, count } of rows) {
    const index = Math.round((Date.parse(week) - Date.parse(window.from)) / WEEK_MS);
    if (index >= 0 && index < window.weeks) counts[index] += count;
  }
  return counts;
}
