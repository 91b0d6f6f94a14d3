import fc from 'fast-check';
import {
  bucketOf,
  DurationHistogram,
  percentileOf,
  RELATIVE_ERROR,
  valueOf,
  ZERO_BUCKET_SECONDS,
} from './duration-histogram';

/** PostgreSQL's percentile_cont over the exact values. */
function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const [lower, upper] = [Math.floor(position), Math.ceil(position)];
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function histogramOf(values: number[]): DurationHistogram {
  const histogram: DurationHistogram = {};
  for (const value of values) {
    const bucket = String(bucketOf(value));
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
  }
  return histogram;
}

/** Durations from −1 h to a year, most of them between 1 ms and a day. */
const duration = fc.oneof(
  fc.double({ min: -3600, max: 365 * 86_400, noNaN: true }),
  fc.double({ min: 0.001, max: 86_400, noNaN: true }),
  fc.constantFrom(0, 0.0005, -0.0005, 0.001, 60, 3600),
);
const bound = (exact: number) => RELATIVE_ERROR * Math.abs(exact) + ZERO_BUCKET_SECONDS + 1e-9;

describe('duration histograms', () => {
  it('read a duration back within 1 % of it, or as 0 when it is within 1 ms of 0', () => {
    fc.assert(
      fc.property(duration, (seconds) => {
        const read = valueOf(bucketOf(seconds));
        if (Math.abs(seconds) <= ZERO_BUCKET_SECONDS) return read === 0;
        return Math.abs(read - seconds) <= RELATIVE_ERROR * Math.abs(seconds) * (1 + 1e-9);
      }),
    );
  });

  it('number their buckets in the order of the durations', () => {
    fc.assert(
      fc.property(duration, duration, (a, b) => (a <= b ? bucketOf(a) <= bucketOf(b) : true)),
    );
  });

  it('give p50 and p90 within 1 % + 1 ms of percentile_cont over the exact durations', () => {
    fc.assert(
      fc.property(fc.array(duration, { minLength: 1, maxLength: 300 }), (values) => {
        const histogram = histogramOf(values);
        return [0.5, 0.9].every((fraction) => {
          const exact = percentileCont(values, fraction);
          return Math.abs((percentileOf(histogram, fraction) as number) - exact) <= bound(exact);
        });
      }),
    );
  });

  it('have no percentile without durations', () => {
    expect(percentileOf({}, 0.5)).toBeNull();
    expect(percentileOf({ '12': 0 }, 0.9)).toBeNull();
  });
});
