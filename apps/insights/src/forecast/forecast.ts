import { Backtest, backtest, backtestOrigins, DEFAULT_FOLDS } from './backtest';
import { ForecastInputError } from './forecast-input.error';
import { ForecastMethod, Forecaster, nonNegative } from './forecaster';
import { holtWinters } from './holt-winters';
import { naive, recentMean } from './naive';
import { intervalAt, oneWeekSpread, weekToWeekErrors } from './prediction-interval';
import { seasonalNaive } from './seasonal-naive';
import { assertWeeklySeries, WeeklySeries, weeksAfter } from './weekly-series';

/**
 * Demand forecasting (issue 20): from the weekly referral counts of one category in one area,
 * the counts to expect in each of the next weeks, with a 95 % interval and the error the method
 * made when it was backtested on the same series.
 *
 * Counts only. The module is given no referral and no person, and predicts nothing about anyone:
 * it says how many referrals a category and area may see in a week, never whose.
 *
 * The method is chosen per series by a rolling-origin backtest (backtest.ts) among the last
 * value (the benchmark), seasonal naive and Holt–Winters: a category with no yearly pattern is
 * better forecast flat than with last year's noise repeated, and the backtest is what can tell.
 * The choice is by MASE, not MAPE: MAPE leaves out the weeks with no referral, which are common
 * per category and area; it makes a miss of 1 on a week of 1 weigh as much as a miss of 50 on a
 * week of 50; and it punishes forecasting too high more than too low, so it favours methods that
 * under-forecast, the wrong bias for capacity. MAPE is still reported, as the figure people read.
 */

export const DEFAULT_HORIZON = 12;
/** Weeks in a year, rounded down: a year is 52.18 weeks, a drift of a week every five or six years. */
export const DEFAULT_SEASON_LENGTH = 52;

export interface ForecastOptions {
  /** Weeks to forecast. */
  horizon?: number;
  /** Weeks in the seasonal cycle. */
  seasonLength?: number;
  /** Backtest folds at most (backtest.ts). */
  folds?: number;
}

export interface WeekForecast {
  /** The Monday of the week. */
  week: string;
  expected: number;
  /** The 95 % prediction interval (prediction-interval.ts); `low` is at least 0. */
  low: number;
  high: number;
}

export interface BacktestSummary {
  /** A fraction (0.12 is 12 %), over the backtest weeks whose count was not 0. */
  mape: number | null;
  zeroActualsIgnored: number;
  mase: number | null;
  folds: number;
  horizon: number;
}

export interface CandidateScore {
  method: ForecastMethod;
  mape: number | null;
  mase: number | null;
  /** Mean absolute error in weekly counts: orders candidates with the same MASE, or none. */
  mae: number;
}

export interface DemandForecast {
  method: ForecastMethod;
  /**
   * `too-short-to-backtest`: the series leaves no fold of `horizon` weeks after a season and a
   * week of history, so the method is a fallback (seasonal naive with a full season, else the
   * mean of the last weeks) and `backtest` is null.
   */
  chosenBy: 'lowest-backtest-mase' | 'too-short-to-backtest';
  forecast: WeekForecast[];
  backtest: BacktestSummary | null;
  /** Every method backtested, in the order that breaks an exact tie: simpler first. */
  candidates: CandidateScore[];
}

/** A forecast needs two weeks: one to forecast from and one to measure a week's change against. */
export const MINIMUM_WEEKS = 2;

export function forecastDemand(
  series: WeeklySeries,
  options: ForecastOptions = {},
): DemandForecast {
  const {
    horizon = DEFAULT_HORIZON,
    seasonLength = DEFAULT_SEASON_LENGTH,
    folds = DEFAULT_FOLDS,
  } = options;
  assertWholeNumber('horizon', horizon, 1);
  assertWholeNumber('seasonLength', seasonLength, 2);
  assertWholeNumber('folds', folds, 1);
  assertWeeklySeries(series);
  const { counts } = series;
  if (counts.length < MINIMUM_WEEKS) {
    throw new ForecastInputError(
      'SERIES_TOO_SHORT',
      `A forecast needs at least ${MINIMUM_WEEKS} weeks of counts; the series has ${counts.length}.`,
    );
  }

  const backtested = backtestCandidates(counts, horizon, seasonLength, folds);
  if (backtested.length === 0) {
    const fallback = counts.length >= seasonLength ? seasonalNaive(seasonLength) : recentMean;
    return {
      method: fallback.method,
      chosenBy: 'too-short-to-backtest',
      forecast: weekForecasts(series, fallback, horizon, weekToWeekErrors(counts)),
      backtest: null,
      candidates: [],
    };
  }
  const [chosen] = [...backtested].sort(
    (a, b) => (a.score.mase ?? Infinity) - (b.score.mase ?? Infinity) || a.score.mae - b.score.mae,
  );
  const { mape, zeroActualsIgnored, mase, folds: used } = chosen.score;
  return {
    method: chosen.forecaster.method,
    chosenBy: 'lowest-backtest-mase',
    forecast: weekForecasts(series, chosen.forecaster, horizon, chosen.score.errors),
    backtest: { mape, zeroActualsIgnored, mase, folds: used, horizon },
    candidates: backtested.map(({ score }) => ({
      method: score.method,
      mape: score.mape,
      mase: score.mase,
      mae: score.mae,
    })),
  };
}

/**
 * Backtests every candidate that a fold at the series' last origin can fit, all at the same
 * origins so that their errors are over the same weeks: the origins the most demanding of them
 * can fit (Holt–Winters needs two seasons), and never before a season and a week, which MASE's
 * scale needs. Empty when no fold fits.
 */
function backtestCandidates(
  counts: readonly number[],
  horizon: number,
  seasonLength: number,
  folds: number,
): { forecaster: Forecaster; score: Backtest }[] {
  const earliestOrigin = (forecaster: Forecaster) =>
    Math.max(forecaster.minimumHistory, seasonLength + 1);
  const testable = [naive, seasonalNaive(seasonLength), holtWinters(seasonLength)].filter(
    (forecaster) => earliestOrigin(forecaster) <= counts.length - horizon,
  );
  if (testable.length === 0) return [];
  const origins = backtestOrigins(
    counts.length,
    horizon,
    folds,
    Math.max(...testable.map(earliestOrigin)),
  );
  return testable.map((forecaster) => ({
    forecaster,
    score: backtest(counts, forecaster, { origins, horizon, seasonLength }),
  }));
}

function weekForecasts(
  series: WeeklySeries,
  forecaster: Forecaster,
  horizon: number,
  errors: readonly (readonly number[])[],
): WeekForecast[] {
  const weeks = weeksAfter(series, horizon);
  const spread = oneWeekSpread(errors);
  return nonNegative(forecaster.forecast(series.counts, horizon)).map((expected, s) => ({
    week: weeks[s],
    expected,
    ...intervalAt(expected, spread, s + 1),
  }));
}

function assertWholeNumber(option: keyof ForecastOptions, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new ForecastInputError(
      'FORECAST_OPTION_INVALID',
      `The forecast option ${option} is a whole number of weeks, at least ${least}; got ${value}.`,
    );
  }
}
