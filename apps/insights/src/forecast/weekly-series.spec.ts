import { ForecastInputError } from './forecast-input.error';
import { addWeeks, assertWeeklySeries, weeksAfter } from './weekly-series';

const codeOf = (act: () => void): string | undefined => {
  try {
    act();
  } catch (error) {
    return error instanceof ForecastInputError ? error.code : 'not a ForecastInputError';
  }
  return undefined;
};

describe('weekly series', () => {
  it('steps whole weeks from a Monday, across a year end and back', () => {
    expect(addWeeks('2025-12-22', 2)).toBe('2026-01-05');
    expect(addWeeks('2026-01-05', -2)).toBe('2025-12-22');
    expect(addWeeks('2023-01-02', 156)).toBe('2025-12-29');
  });

  it('lists the Mondays of the weeks after the last counted week', () => {
    expect(weeksAfter({ start: '2026-01-05', counts: [3, 4, 5] }, 2)).toEqual([
      '2026-01-26',
      '2026-02-02',
    ]);
  });

  it('rejects a start that is not the Monday of a week', () => {
    for (const start of ['2026-01-06', '2026-02-30', '2026-13-01', '5 January 2026', '']) {
      expect(codeOf(() => assertWeeklySeries({ start, counts: [1] }))).toBe(
        'SERIES_START_NOT_A_MONDAY',
      );
    }
    expect(codeOf(() => assertWeeklySeries({ start: '2026-01-05', counts: [1] }))).toBeUndefined();
  });

  it('rejects a count below 0 or not finite', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => assertWeeklySeries({ start: '2026-01-05', counts: [2, bad] }))).toBe(
        'SERIES_COUNT_INVALID',
      );
    }
  });
});
