import { quantile, summarize } from './stats';

describe('benchmark statistics', () => {
  it('takes the nearest rank: p50 of 1..10 is 5, p90 is 9, p99 is 10', () => {
    const values = Array.from({ length: 10 }, (_, index) => index + 1);
    expect([quantile(values, 0.5), quantile(values, 0.9), quantile(values, 0.99)]).toEqual([
      5, 9, 10,
    ]);
  });

  it('never reports a latency that was not measured', () => {
    const values = [1, 100];
    expect(quantile(values, 0.5)).toBe(1);
    expect(quantile(values, 0.51)).toBe(100);
  });

  it('has no percentile of an empty sample', () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });

  it('sorts the sample itself and rounds to a tenth', () => {
    expect(summarize([3.14159, 1, 2])).toEqual({ count: 3, p50: 2, p90: 3.1, p99: 3.1, max: 3.1 });
  });

  it('refuses a quantile outside [0, 1]', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});
