import { CandidateScore, DemandForecast } from './forecast';
import { ForecastMethod } from './forecaster';

/** The weekly counts a forecast was made from: complete weeks, Monday to Monday in UTC. */
export interface SeriesHistoryView {
  /** The Mondays (YYYY-MM-DD) of the first and the last week. */
  from: string;
  to: string;
  weeks: number;
  /** One count per week, oldest first; a week with none is 0. */
  counts: number[];
}

/** The error the chosen method made when it was backtested on this series' own past. */
export interface BacktestView {
  /** Mean absolute scaled error (below 1: better than repeating the week a year before); null when undefined. */
  mase: number | null;
  /** Mean absolute percentage error, a fraction (0.12 is 12 %), over the weeks whose count was not 0; null if all were 0. */
  mape: number | null;
  /** The weeks left out of `mape` because their count was 0. */
  zeroActualsIgnored: number;
  /** Rolling origins: how many times the method was refitted on the weeks before one and scored on the `horizon` weeks after. */
  origins: number;
  horizon: number;
}

export interface WeekForecastView {
  /** The Monday of the week. */
  weekStart: string;
  expected: number;
  /** The 95 % prediction interval; `low` is at least 0. */
  low: number;
  high: number;
}

/** A weekly series, forecast, with the backtest of the method chosen for it. */
export interface ForecastedSeriesView {
  history: SeriesHistoryView;
  model: ForecastMethod;
  /** `too-short-to-backtest`: a fallback method, and `backtest` is null (docs/insights.md). */
  chosenBy: DemandForecast['chosenBy'];
  backtest: BacktestView | null;
  /** Every method backtested on the series, simpler first. */
  candidates: CandidateScore[];
  forecast: WeekForecastView[];
}

/** Referrals submitted in one category and area code, week by week, and forecast. */
export interface DemandSeriesView extends ForecastedSeriesView {
  category: string;
  areaCode: string;
}

/** One forecast week of a partner's outlook, by Little's law. */
export interface CapacityWeekView {
  weekStart: string;
  /** Expected weekly arrivals × mean weeks open. */
  expectedOpenCases: number;
  /** The arrivals' high bound × mean weeks open. */
  highOpenCases: number;
  /** Capacity − expected open cases; below 0 by the shortfall. */
  margin: number;
  marginAtHigh: number;
  exceeds: boolean;
  mayExceed: boolean;
}

/**
 * - `compared`: the outlook below is computed;
 * - `no-declared-capacity`: the partner declared no service of the category;
 * - `no-completed-cases`: none of its cases of the category was completed in the last 26 weeks,
 *   so how long a case stays open is unknown.
 */
export type CapacityComparison = 'compared' | 'no-declared-capacity' | 'no-completed-cases';

/** A partner's forecast open cases of one category against the capacity it declared. */
export interface CapacityOutlookView {
  partnerId: string;
  category: string;
  /** The referrals it accepted, week by week (of every initiative and area: its capacity is shared by all), and forecast. */
  arrivals: ForecastedSeriesView;
  /** Mean weeks from acceptance to completion, over its cases completed in the last 26 complete weeks; null with none. */
  meanWeeksOpen: number | null;
  /** How many cases that mean is taken over. */
  completedCases: number;
  /** The sum of the capacities of its services of the category (open cases at once); null when it declared none. */
  capacityOpenCases: number | null;
  comparison: CapacityComparison;
  /** Some forecast week's expected open cases exceed capacity. */
  exceeds: boolean;
  /** Some forecast week's open cases at the high bound exceed capacity. */
  mayExceed: boolean;
  /** The first week that exceeds, and the first that may; null when none. */
  firstWeekExceeding: string | null;
  firstWeekMayExceed: string | null;
  /** Week by week; empty unless `comparison` is `compared`. */
  weeks: CapacityWeekView[];
}

export interface DemandForecastView {
  filters: {
    initiativeId: string | null;
    category: string | null;
    areaCode: string | null;
    weeks: number;
  };
  /** The complete weeks every series is counted over; null when the filters select no referral before the current week. */
  history: { from: string; to: string; weeks: number } | null;
  /** Ordered by category, then area code. */
  series: DemandSeriesView[];
  /** Ordered by partner, then category. */
  capacity: CapacityOutlookView[];
}
