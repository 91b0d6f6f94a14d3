import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  seasonalNaiveScale,
} from './accuracy';
import { ForecastMethod, Forecaster, nonNegative } from './forecaster';

/**
 * Rolling-origin evaluation: at each origin, fit on the weeks before it only, forecast the
 * `horizon` weeks from it, and compare with what happened.
 *
 * Four folds by default, each a window of `horizon` weeks, the windows tiling the end of the
 * series: with a 12-week horizon that is the last 48 weeks, most of a year, so a model is judged
 * on more than one part of the season; and 4 refits of each model keep a forecast of three years
 * of weeks to some tens of milliseconds.
 */
export const DEFAULT_FOLDS = 4;

/**
 * The origins (the index of each fold's first forecast week) of up to `folds` windows of
 * `horizon` weeks that end with the series' last week, ascending; those before `earliest` are
 * dropped, so there may be fewer, or none.
 */
export function backtestOrigins(
  length: number,
  horizon: number,
  folds: number,
  earliest: number,
): number[] {
  return Array.from({ length: folds }, (_, k) => length - horizon * (folds - k)).filter(
    (origin) => origin >= earliest,
  );
}

export interface Backtest {
  method: ForecastMethod;
  /** Over every week of every fold whose actual was not 0; a fraction, null if all were 0. */
  mape: number | null;
  zeroActualsIgnored: number;
  /** Null when the scale is 0 and the forecasts still missed (see meanAbsoluteScaledError). */
  mase: number | null;
  /** In weekly counts; orders methods that MASE cannot (a scale of 0). */
  mae: number;
  folds: number;
  horizon: number;
  /** errors[fold][s]: actual − forecast at step s + 1; the prediction interval is drawn from them. */
  errors: number[][];
}

/**
 * Backtests one forecaster at `origins`, clamping its forecasts at 0 as the answer will.
 *
 * MASE has one scale for every fold: the seasonal naive error of the weeks before the first
 * origin, which every fold has seen, so no fold's score depends on what came after its origin;
 * and, the scale being shared, methods backtested at the same origins rank by MASE exactly as by
 * their absolute error over the same weeks.
 */
export function backtest(
  counts: readonly number[],
  forecaster: Forecaster,
  { origins, horizon, seasonLength }: { origins: number[]; horizon: number; seasonLength: number },
): Backtest {
  const scale =
    origins.length === 0 ? null : seasonalNaiveScale(counts.slice(0, origins[0]), seasonLength);
  if (scale === null || origins[origins.length - 1] + horizon > counts.length) {
    throw new RangeError(
      `A backtest needs origins after the first season and ${horizon} weeks after each; got [${origins.join(', ')}] in ${counts.length} weeks.`,
    );
  }
  const folds = origins.map((origin) => ({
    actual: counts.slice(origin, origin + horizon),
    forecast: nonNegative(forecaster.forecast(counts.slice(0, origin), horizon)),
  }));
  const actuals = folds.flatMap(({ actual }) => actual);
  const forecasts = folds.flatMap(({ forecast }) => forecast);
  return {
    method: forecaster.method,
    ...meanAbsolutePercentageError(actuals, forecasts),
    mase: meanAbsoluteScaledError(actuals, forecasts, scale),
    mae: meanAbsoluteError(actuals, forecasts),
    folds: origins.length,
    horizon,
    errors: folds.map(({ actual, forecast }) => actual.map((value, s) => value - forecast[s])),
  };
}
