import {
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  seasonalNaiveScale,
} from './accuracy';

describe('MAPE', () => {
  it('leaves out the weeks whose actual is 0, and says how many', () => {
    expect(meanAbsolutePercentageError([10, 0, 20, 0], [12, 3, 15, 0])).toEqual({
      mape: (0.2 + 0.25) / 2,
      zeroActualsIgnored: 2,
    });
  });

  it('has no value when every actual is 0', () => {
    expect(meanAbsolutePercentageError([0, 0], [1, 0])).toEqual({
      mape: null,
      zeroActualsIgnored: 2,
    });
  });
});

describe('MASE', () => {
  it('is scaled by the in-sample error of repeating the week one season before', () => {
    // Season of 2: differences |4 − 1|, |2 − 3|, |6 − 4| → mean 2.
    expect(seasonalNaiveScale([1, 3, 4, 2, 6], 2)).toBe(2);
    expect(seasonalNaiveScale([1, 3], 2)).toBeNull();
  });

  it('stays defined when actuals are 0, where MAPE cannot speak', () => {
    const actuals = [0, 0, 0, 2];
    const forecasts = [1, 0, 1, 2];
    expect(meanAbsolutePercentageError(actuals, forecasts).mape).toBe(0);
    expect(meanAbsoluteScaledError(actuals, forecasts, 2)).toBe(0.25);
  });

  it('is 0 for a perfect forecast on a scale of 0, and has no value for a miss', () => {
    expect(meanAbsoluteScaledError([0, 0], [0, 0], 0)).toBe(0);
    expect(meanAbsoluteScaledError([0, 0], [0, 1], 0)).toBeNull();
  });
});
