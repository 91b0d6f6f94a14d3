import fc from 'fast-check';
import { CandidateScore, forecastDemand } from './forecast';
import { ForecastInputError } from './forecast-input.error';
import { seasonalWeeks, wanderingWeeks } from './forecast-test-fixtures';
import { holtWinters } from './holt-winters';

const START = '2023-01-02';

const lowestMase = (candidates: CandidateScore[]): CandidateScore =>
  [...candidates].sort((a, b) => (a.mase ?? Infinity) - (b.mase ?? Infinity) || a.mae - b.mae)[0];

describe('forecastDemand', () => {
  it('chooses, per series, the candidate with the lowest backtest MASE and reports its scores', () => {
    // The same jagged year three times over, no noise: only repeating it exactly scores well.
    const sharpSeason = Array.from({ length: 156 }, (_, t) => [9, 2, 14, 0, 5][(t % 52) % 5] + 20);
    const chosen = [seasonalWeeks(7), wanderingWeeks(7), sharpSeason].map((counts) => {
      const result = forecastDemand({ start: START, counts });
      const best = lowestMase(result.candidates);
      expect(result.chosenBy).toBe('lowest-backtest-mase');
      expect(result.method).toBe(best.method);
      expect(result.backtest).toMatchObject({ mape: best.mape, mase: best.mase, horizon: 12 });
      return result.method;
    });
    // Different series, different winners: the choice is made, not fixed.
    expect(new Set(chosen).size).toBeGreaterThan(1);
  });

  it('forecasts a series too short to backtest but a season long by seasonal naive, unscored', () => {
    const counts = Array.from({ length: 60 }, (_, t) => t);
    const result = forecastDemand({ start: START, counts });
    expect(result).toMatchObject({
      method: 'seasonal-naive',
      chosenBy: 'too-short-to-backtest',
      backtest: null,
      candidates: [],
    });
    expect(result.forecast.map(({ expected }) => expected)).toEqual(counts.slice(8, 20));
  });

  it('forecasts a series shorter than a season by the mean of its last weeks, unscored', () => {
    const counts = [...Array<number>(22).fill(100), ...Array<number>(8).fill(10)];
    const result = forecastDemand({ start: START, counts });
    expect(result).toMatchObject({ method: 'recent-mean', backtest: null });
    expect(result.forecast.every(({ expected }) => expected === 10)).toBe(true);
  });

  it('leaves Holt–Winters out until two full seasons precede the last fold', () => {
    const result = forecastDemand({ start: START, counts: seasonalWeeks(3, 70) });
    expect(result.candidates.map(({ method }) => method)).toEqual(['naive', 'seasonal-naive']);
    expect(result.backtest?.folds).toBe(1);
  });

  it('never forecasts below 0, even where the trend runs below it', () => {
    const counts = Array.from({ length: 156 }, (_, t) =>
      Math.max(0, 160 - t + 6 * Math.sin((2 * Math.PI * t) / 52)),
    );
    expect(Math.min(...holtWinters(52).forecast(counts, 12))).toBeLessThan(0);
    const { forecast } = forecastDemand({ start: START, counts });
    expect(forecast.every(({ expected, low }) => expected >= 0 && low >= 0)).toBe(true);
  });

  it('names each forecast week by its Monday, from the week after the series', () => {
    const { forecast } = forecastDemand({ start: '2026-01-05', counts: [4, 6, 5] }, { horizon: 2 });
    expect(forecast.map(({ week }) => week)).toEqual(['2026-01-26', '2026-02-02']);
  });

  it('rejects fewer than two weeks, and options that are not whole weeks', () => {
    const codeOf = (act: () => unknown) => {
      try {
        act();
      } catch (error) {
        return error instanceof ForecastInputError ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => forecastDemand({ start: START, counts: [3] }))).toBe('SERIES_TOO_SHORT');
    const series = { start: START, counts: [3, 4] };
    for (const options of [{ horizon: 0 }, { horizon: 1.5 }, { seasonLength: 1 }, { folds: 0 }]) {
      expect(codeOf(() => forecastDemand(series, options))).toBe('FORECAST_OPTION_INVALID');
    }
  });

  it('gives a finite, non-negative forecast inside its interval for any non-negative series', () => {
    const counts = fc.array(fc.oneof(fc.nat(500), fc.double({ min: 0, max: 1e6, noNaN: true })), {
      minLength: 2,
      maxLength: 160,
    });
    const options = fc.record({
      horizon: fc.integer({ min: 1, max: 16 }),
      seasonLength: fc.constantFrom(4, 12, 52),
    });
    fc.assert(
      fc.property(counts, options, (values, option) => {
        const { forecast } = forecastDemand({ start: START, counts: values }, option);
        expect(forecast).toHaveLength(option.horizon);
        for (const { expected, low, high } of forecast) {
          expect([expected, low, high].every(Number.isFinite)).toBe(true);
          expect(0 <= low && low <= expected && expected <= high).toBe(true);
        }
      }),
    );
  });
});
