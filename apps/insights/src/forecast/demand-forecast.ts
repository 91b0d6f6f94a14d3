import { capacityOutlook } from './capacity';
import { DemandForecast, forecastDemand } from './forecast';
import { HistoryWindow, weeklyCounts } from './history-window';
import {
  CapacityOutlookView,
  DemandForecastView,
  DemandSeriesView,
  ForecastedSeriesView,
} from './demand-forecast.view';

/**
 * GET /forecast from the counts its queries read (demand-forecast.query.ts): each series
 * forecast with forecastDemand, and each partner's forecast arrivals held against its declared
 * capacity with capacityOutlook. Pure; throws ForecastInputError as those do.
 */

export interface WeekCountRow {
  /** The Monday of the week, YYYY-MM-DD. */
  week: string;
  count: number;
}

/** Referrals submitted in a category, area code and week. */
export interface DemandCountRow extends WeekCountRow {
  category: string;
  areaCode: string;
}

/** Referrals a partner accepted in a category and week. */
export interface ArrivalCountRow extends WeekCountRow {
  partnerId: string;
  category: string;
}

/** How long a partner's cases of a category stayed open, over its recently completed ones. */
export interface TimeOpenRow {
  partnerId: string;
  category: string;
  cases: number;
  meanSeconds: number;
}

export interface CapacityRow {
  partnerId: string;
  category: string;
  capacity: number;
}

export interface DemandForecastCounts {
  filters: DemandForecastView['filters'];
  window: HistoryWindow | null;
  demand: readonly DemandCountRow[];
  arrivals: readonly ArrivalCountRow[];
  timeOpen: readonly TimeOpenRow[];
  capacities: readonly CapacityRow[];
}

const WEEK_SECONDS = 7 * 24 * 3600;

export function demandForecast(counts: DemandForecastCounts): DemandForecastView {
  const { filters, window } = counts;
  if (window === null) return { filters, history: null, series: [], capacity: [] };
  const { from, to, weeks } = window;
  return {
    filters,
    history: { from, to, weeks },
    series: demandSeries(counts, window),
    capacity: capacityOutlooks(counts, window),
  };
}

function demandSeries(counts: DemandForecastCounts, window: HistoryWindow): DemandSeriesView[] {
  return groupBy(counts.demand, ({ category, areaCode }) => [category, areaCode]).map(
    ([[category, areaCode], rows]) => ({
      category,
      areaCode,
      ...forecastedSeries(window, rows, counts.filters.weeks),
    }),
  );
}

function capacityOutlooks(
  counts: DemandForecastCounts,
  window: HistoryWindow,
): CapacityOutlookView[] {
  const key = ({ partnerId, category }: { partnerId: string; category: string }) =>
    `${partnerId}/${category}`;
  const timeOpen = new Map(counts.timeOpen.map((row) => [key(row), row]));
  const capacities = new Map(counts.capacities.map((row) => [key(row), row.capacity]));
  return groupBy(counts.arrivals, ({ partnerId, category }) => [partnerId, category]).map(
    ([[partnerId, category], rows]) => {
      const arrivals = forecastedSeries(window, rows, counts.filters.weeks);
      const open = timeOpen.get(key({ partnerId, category }));
      const meanWeeksOpen = open ? open.meanSeconds / WEEK_SECONDS : null;
      const capacityOpenCases = capacities.get(key({ partnerId, category })) ?? null;
      const comparison =
        capacityOpenCases === null
          ? 'no-declared-capacity'
          : meanWeeksOpen === null
            ? 'no-completed-cases'
            : 'compared';
      const weeks =
        capacityOpenCases === null || meanWeeksOpen === null
          ? []
          : capacityOutlook({
              forecast: arrivals.forecast.map(({ weekStart, ...week }) => ({
                week: weekStart,
                ...week,
              })),
              meanWeeksOpen,
              capacityOpenCases,
            }).map((week) => ({
              weekStart: week.week,
              expectedOpenCases: week.expectedOpenCases,
              highOpenCases: week.highOpenCases,
              margin: week.margin,
              marginAtHigh: week.marginAtHigh,
              exceeds: week.exceeds,
              mayExceed: week.mayExceed,
            }));
      return {
        partnerId,
        category,
        arrivals,
        meanWeeksOpen,
        completedCases: open?.cases ?? 0,
        capacityOpenCases,
        comparison,
        exceeds: weeks.some((week) => week.exceeds),
        mayExceed: weeks.some((week) => week.mayExceed),
        firstWeekExceeding: weeks.find((week) => week.exceeds)?.weekStart ?? null,
        firstWeekMayExceed: weeks.find((week) => week.mayExceed)?.weekStart ?? null,
        weeks,
      };
    },
  );
}

function forecastedSeries(
  window: HistoryWindow,
  rows: readonly WeekCountRow[],
  horizon: number,
): ForecastedSeriesView {
  const counts = weeklyCounts(window, rows);
  const result: DemandForecast = forecastDemand({ start: window.from, counts }, { horizon });
  return {
    history: { from: window.from, to: window.to, weeks: window.weeks, counts },
    model: result.method,
    chosenBy: result.chosenBy,
    backtest: result.backtest && {
      mase: result.backtest.mase,
      mape: result.backtest.mape,
      zeroActualsIgnored: result.backtest.zeroActualsIgnored,
      origins: result.backtest.folds,
      horizon: result.backtest.horizon,
    },
    candidates: result.candidates,
    forecast: result.forecast.map(({ week, expected, low, high }) => ({
      weekStart: week,
      expected,
      low,
      high,
    })),
  };
}

/** Rows grouped by a two-part key, the groups ordered by it. */
function groupBy<R>(
  rows: readonly R[],
  keyOf: (row: R) => [string, string],
): [[string, string], R[]][] {
  const groups = new Map<string, [[string, string], R[]]>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = key.join('\u0000');
    const group = groups.get(id) ?? [key, []];
    group[1].push(row);
    groups.set(id, group);
  }
  return [...groups.values()].sort(([a], [b]) =>
    a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0]),
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
