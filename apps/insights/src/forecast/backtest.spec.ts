import { backtest, backtestOrigins } from './backtest';
import { Forecaster } from './forecaster';
import { naive } from './naive';

describe('backtestOrigins', () => {
  it('tiles the last folds × horizon weeks, ascending, dropping origins before the earliest', () => {
    expect(backtestOrigins(156, 12, 4, 53)).toEqual([108, 120, 132, 144]);
    expect(backtestOrigins(144, 12, 4, 104)).toEqual([108, 120, 132]);
    expect(backtestOrigins(60, 12, 4, 53)).toEqual([]);
  });
});

describe('backtest', () => {
  it('fits each fold on the weeks before its origin only', () => {
    // On a ramp, a last-value forecast from week o − 1 misses week o − 1 + h by exactly h; had
    // any fold seen a week past its origin, its errors would be smaller.
    const ramp = Array.from({ length: 40 }, (_, t) => t);
    const seen: number[] = [];
    const recording: Forecaster = {
      ...naive,
      forecast: (history, horizon) => {
        seen.push(history.length);
        return naive.forecast(history, horizon);
      },
    };
    const result = backtest(ramp, recording, {
      origins: [16, 24, 32],
      horizon: 8,
      seasonLength: 4,
    });
    expect(seen).toEqual([16, 24, 32]);
    expect(result.errors).toEqual(Array(3).fill([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(result.mae).toBe(4.5);
  });

  it('scales MASE by the weeks before the first origin, which every fold has seen', () => {
    // Before origin 4, y[t] − y[t − 2] is 2 each time: the scale is 2, not the later steps of 10.
    const counts = [0, 1, 2, 3, 20, 30, 40, 50];
    const result = backtest(counts, naive, { origins: [4, 6], horizon: 2, seasonLength: 2 });
    // Errors: fold 4 → 20 − 3, 30 − 3; fold 6 → 40 − 30, 50 − 30; mean 18.5.
    expect(result.mae).toBe(18.5);
    expect(result.mase).toBe(18.5 / 2);
  });

  it('scores forecasts clamped at 0, as the answer gives them', () => {
    const falling: Forecaster = { ...naive, forecast: (_, horizon) => Array(horizon).fill(-5) };
    const result = backtest([1, 2, 3, 0, 0], falling, {
      origins: [3],
      horizon: 2,
      seasonLength: 2,
    });
    expect(result.mae).toBe(0);
  });

  it('refuses origins that leave no season before them or no full horizon after', () => {
    const counts = Array.from({ length: 20 }, (_, t) => t);
    const plan = { horizon: 4, seasonLength: 4 };
    expect(() => backtest(counts, naive, { ...plan, origins: [4] })).toThrow(RangeError);
    expect(() => backtest(counts, naive, { ...plan, origins: [17] })).toThrow(RangeError);
    expect(() => backtest(counts, naive, { ...plan, origins: [] })).toThrow(RangeError);
  });
});
