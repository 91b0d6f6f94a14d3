/**
 * The 95 % prediction interval around a forecast, from the errors its method actually made:
 * expected ± 1.96 · σ₁ · √h at h weeks ahead.
 *
 * Four folds give four errors per step ahead, too few for a quantile per step, so all the errors
 * are pooled into σ₁, the spread of a one-week-ahead error, on the assumption that the error's
 * variance grows in proportion to the step, as a random walk's does: an error e made h weeks
 * ahead counts as e / √h. A seasonal model's error grows more slowly than that, so the interval
 * errs on the wide side, which is the side to err on when it warns about capacity. Normal errors
 * are assumed for the 1.96; counts below 0 are cut off.
 */

/** Two-sided 95 % under a normal error. */
export const Z_95 = 1.96;

/** σ₁ from errors[fold][s], each made s + 1 weeks ahead. */
export function oneWeekSpread(errors: readonly (readonly number[])[]): number {
  const scaled = errors.flatMap((fold) => fold.map((error, s) => (error * error) / (s + 1)));
  return scaled.length === 0 ? 0 : Math.sqrt(scaled.reduce((sum, v) => sum + v, 0) / scaled.length);
}

/**
 * The errors of the last-value forecast one week ahead within the history, as folds of one
 * step: where there is no backtest, the week-to-week change is the spread there is to go by.
 */
export const weekToWeekErrors = (history: readonly number[]): number[][] =>
  history.slice(1).map((count, i) => [count - history[i]]);

export function intervalAt(
  expected: number,
  spread: number,
  step: number,
): { low: number; high: number } {
  const half = Z_95 * spread * Math.sqrt(step);
  return { low: Math.max(0, expected - half), high: expected + half };
}
