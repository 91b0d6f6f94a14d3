import { capacityOutlook } from './capacity';
import { WeekForecast } from './forecast';
import { ForecastInputError } from './forecast-input.error';

const week = (expected: number, high: number): WeekForecast => ({
  week: '2026-01-05',
  expected,
  low: 0,
  high,
});

describe('capacityOutlook', () => {
  it("expects arrivals a week times the weeks a case stays open to be open at once (Little's law)", () => {
    const [outlook] = capacityOutlook({
      forecast: [week(20, 26)],
      meanWeeksOpen: 3,
      capacityOpenCases: 100,
    });
    expect(outlook).toMatchObject({ expectedOpenCases: 60, highOpenCases: 78 });
  });

  it('flags a week whose expected open cases exceed capacity, with the shortfall as margin', () => {
    const [outlook] = capacityOutlook({
      forecast: [week(20, 26)],
      meanWeeksOpen: 3,
      capacityOpenCases: 50,
    });
    expect(outlook).toMatchObject({ exceeds: true, mayExceed: true, margin: -10 });
  });

  it('flags as may-exceed a week where only the high bound passes capacity', () => {
    const [within, may, clear] = capacityOutlook({
      forecast: [week(20, 20), week(20, 26), week(10, 16)],
      meanWeeksOpen: 3,
      capacityOpenCases: 60,
    });
    expect(within).toMatchObject({ exceeds: false, mayExceed: false, margin: 0 });
    expect(may).toMatchObject({ exceeds: false, mayExceed: true, margin: 0, marginAtHigh: -18 });
    expect(clear).toMatchObject({ exceeds: false, mayExceed: false, margin: 30, marginAtHigh: 12 });
  });

  it('rejects a mean time open of 0 or less and a capacity below 0', () => {
    const forecast = [week(1, 2)];
    const codeOf = (meanWeeksOpen: number, capacityOpenCases: number) => {
      try {
        capacityOutlook({ forecast, meanWeeksOpen, capacityOpenCases });
      } catch (error) {
        return error instanceof ForecastInputError ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(0, 10)).toBe('CAPACITY_INVALID');
    expect(codeOf(Number.NaN, 10)).toBe('CAPACITY_INVALID');
    expect(codeOf(2, -1)).toBe('CAPACITY_INVALID');
    expect(codeOf(2, 0)).toBeUndefined();
  });
});
