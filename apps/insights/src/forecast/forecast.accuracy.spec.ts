import { meanAbsolutePercentageError } from './accuracy';
import { forecastDemand } from './forecast';
import { seasonalWeeks } from './forecast-test-fixtures';
import { naive } from './naive';

describe('forecastDemand on three years of seasonal weekly counts', () => {
  it('forecasts the held-out last 12 weeks within 15 % MAPE, better than the last value', () => {
    const weeks = seasonalWeeks(2026);
    const [history, heldOut] = [weeks.slice(0, 144), weeks.slice(144)];

    const { forecast } = forecastDemand({ start: '2023-01-02', counts: history });
    const chosen = meanAbsolutePercentageError(
      heldOut,
      forecast.map(({ expected }) => expected),
    ).mape;
    const lastValue = meanAbsolutePercentageError(heldOut, naive.forecast(history, 12)).mape;

    expect(chosen).not.toBeNull();
    expect(lastValue).not.toBeNull();
    expect(chosen).toBeLessThanOrEqual(0.15);
    expect(chosen).toBeLessThan(lastValue as number);
  });
});
