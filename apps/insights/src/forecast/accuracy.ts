/**
 * How far forecasts fell from what happened. Two measures, because weekly counts per category
 * and area are small and often 0:
 * - MAPE reads easily ("12 % off") but is undefined where the actual is 0, so those weeks are
 *   left out, and counted, so that a reader knows how much of the series it speaks for;
 * - MASE divides the mean absolute error by the in-sample error of the seasonal naive forecast:
 *   it stays defined when actuals are 0, and below 1 means better than repeating last year.
 */

const absoluteErrors = (actuals: readonly number[], forecasts: readonly number[]): number[] =>
  actuals.map((actual, i) => Math.abs(actual - forecasts[i]));

export const meanAbsoluteError = (
  actuals: readonly number[],
  forecasts: readonly number[],
): number =>
  absoluteErrors(actuals, forecasts).reduce((sum, error) => sum + error, 0) / actuals.length;

export interface PercentageError {
  /** A fraction (0.12 is 12 %); null when every actual was 0. */
  mape: number | null;
  /** The weeks left out because their actual was 0. */
  zeroActualsIgnored: number;
}

/** Mean absolute percentage error over the weeks whose actual is not 0. */
export function meanAbsolutePercentageError(
  actuals: readonly number[],
  forecasts: readonly number[],
): PercentageError {
  const ratios = actuals.flatMap((actual, i) =>
    actual === 0 ? [] : [Math.abs(actual - forecasts[i]) / Math.abs(actual)],
  );
  return {
    mape: ratios.length === 0 ? null : ratios.reduce((sum, r) => sum + r, 0) / ratios.length,
    zeroActualsIgnored: actuals.length - ratios.length,
  };
}

/**
 * The scale of MASE: the mean absolute error of the seasonal naive forecast one step ahead over
 * `history` (y[t] against y[t − seasonLength]). Null when the history has no full season plus a
 * week to compare.
 */
export function seasonalNaiveScale(
  history: readonly number[],
  seasonLength: number,
): number | null {
  if (history.length <= seasonLength) return null;
  return meanAbsoluteError(history.slice(seasonLength), history.slice(0, -seasonLength));
}

/**
 * Mean absolute scaled error: the mean absolute error over `scale`. A scale of 0 (a history that
 * repeats itself exactly, all zeros for one) gives 0 for a perfect forecast and null for any
 * other, which no finite number describes.
 */
export function meanAbsoluteScaledError(
  actuals: readonly number[],
  forecasts: readonly number[],
  scale: number,
): number | null {
  const error = meanAbsoluteError(actuals, forecasts);
  if (scale > 0) return error / scale;
  return error === 0 ? 0 : null;
}
