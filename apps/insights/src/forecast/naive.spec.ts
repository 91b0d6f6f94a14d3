import { naive, RECENT_WEEKS, recentMean } from './naive';

describe('naive (last value)', () => {
  it('repeats the last week for every week ahead', () => {
    expect(naive.forecast([5, 7, 2], 3)).toEqual([2, 2, 2]);
  });
});

describe('recent mean', () => {
  it(`forecasts the mean of the last ${RECENT_WEEKS} weeks, or of all when there are fewer`, () => {
    const history = [100, 100, 1, 2, 3, 4, 5, 6, 7, 8];
    expect(recentMean.forecast(history, 2)).toEqual([4.5, 4.5]);
    expect(recentMean.forecast([2, 4], 1)).toEqual([3]);
  });
});
