import { seasonalNaive } from './seasonal-naive';

describe('seasonal naive', () => {
  it('repeats the last season, week for week, wrapping round it past one season', () => {
    const history = [9, 9, 9, 1, 2, 3, 4];
    expect(seasonalNaive(4).forecast(history, 6)).toEqual([1, 2, 3, 4, 1, 2]);
  });
});
