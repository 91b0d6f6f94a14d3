import { intervalAt, oneWeekSpread, weekToWeekErrors, Z_95 } from './prediction-interval';

describe('prediction interval', () => {
  it('pools errors made h weeks ahead as error / √h into a one-week spread', () => {
    // Errors of ±3√h at every step h: each one counts as ±3.
    const fold = (sign: number) => [1, 2, 3, 4].map((h) => sign * 3 * Math.sqrt(h));
    expect(oneWeekSpread([fold(1), fold(-1)])).toBeCloseTo(3, 12);
  });

  it('widens with the square root of the weeks ahead, around the expected count', () => {
    const one = intervalAt(100, 5, 1);
    const four = intervalAt(100, 5, 4);
    expect(one).toEqual({ low: 100 - Z_95 * 5, high: 100 + Z_95 * 5 });
    expect(four.high - four.low).toBeCloseTo(2 * (one.high - one.low), 12);
  });

  it('never goes below 0', () => {
    expect(intervalAt(1, 10, 9).low).toBe(0);
  });

  it('takes the week-to-week changes as one-week errors where there is no backtest', () => {
    expect(weekToWeekErrors([3, 5, 4])).toEqual([[2], [-1]]);
  });
});
