/** The forecasting methods, as `method` names them in an answer. */
export type ForecastMethod = 'holt-winters-additive' | 'seasonal-naive' | 'naive' | 'recent-mean';

/**
 * One way of extending a weekly count series. Each method is a pure function of the history it
 * is given, so that a backtest can hand it a prefix and be sure nothing later leaks in.
 */
export interface Forecaster {
  readonly method: ForecastMethod;
  /** The fewest weeks of history it can forecast from. */
  readonly minimumHistory: number;
  /**
   * The `horizon` weeks after `history`, step 1 first. Raw model output: it may be fractional or
   * below 0; callers clamp (see `nonNegative`).
   */
  forecast(history: readonly number[], horizon: number): number[];
}

/** Counts are never negative: a model that extrapolates a falling trend below 0 means 0. */
export const nonNegative = (values: readonly number[]): number[] =>
  values.map((value) => Math.max(0, value));
