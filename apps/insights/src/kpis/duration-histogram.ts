/**
 * Durations in seconds counted in logarithmic buckets, so that percentiles over any number of
 * referrals come from a few hundred counts that add up across days (referral_day_figures).
 *
 * A duration `v` with |v| ≤ 1 ms falls in bucket 0, read back as 0. Any other falls in bucket
 * ±i, i = ⌈ln(|v| / 1 ms) / ln γ⌉, covering 1 ms·γ^(i−1) < |v| ≤ 1 ms·γ^i, read back as
 * ±1 ms·2γ^i/(γ+1). With γ = (1 + α)/(1 − α) the value read back is within α of every value in
 * its bucket, relatively; α = 1 %. The buckets' numbers order like their durations, so a
 * percentile walks them in numeric order. A year is some 1,200 buckets at most; a day of
 * referrals, a few dozen.
 */
export const RELATIVE_ERROR = 0.01;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
/** Durations up to this many seconds (either side of 0) are read back as 0. */
export const ZERO_BUCKET_SECONDS = 0.001;

/** Bucket number → how many durations fell in it; JSON object keys, as jsonb keeps them. */
export type DurationHistogram = Record<string, number>;

/** The SQL expression for the bucket of `seconds` (a float8 expression), as bucketOf computes it. */
export const bucketSql = (seconds: string): string =>
  `CASE WHEN abs(${seconds}) <= ${ZERO_BUCKET_SECONDS} THEN 0
        ELSE sign(${seconds})::int * ceil(ln(abs(${seconds}) / ${ZERO_BUCKET_SECONDS}) / ln(${GAMMA}))::int END`;

/** The bucket of a duration; the same arithmetic as bucketSql. */
export function bucketOf(seconds: number): number {
  if (Math.abs(seconds) <= ZERO_BUCKET_SECONDS) return 0;
  const index = Math.ceil(Math.log(Math.abs(seconds) / ZERO_BUCKET_SECONDS) / Math.log(GAMMA));
  return Math.sign(seconds) * index;
}

/** The duration a bucket is read back as. */
export function valueOf(bucket: number): number {
  if (bucket === 0) return 0;
  const magnitude = (ZERO_BUCKET_SECONDS * 2 * GAMMA ** Math.abs(bucket)) / (GAMMA + 1);
  return Math.sign(bucket) * magnitude;
}

/** How many durations the histogram holds. */
export const countOf = (histogram: DurationHistogram): number =>
  Object.values(histogram).reduce((sum, count) => sum + count, 0);

/**
 * PostgreSQL's percentile_cont (linear interpolation between the two nearest ranks) over the
 * durations the histogram read back: each rank's value is within α (or 1 ms) of the true one,
 * so the result is within α·|p| + 1 ms of the exact percentile_cont. Null for no durations.
 */
export function percentileOf(histogram: DurationHistogram, fraction: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([bucket, count]) => ({ bucket: Number(bucket), count }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => a.bucket - b.bucket);
  const total = buckets.reduce((sum, { count }) => sum + count, 0);
  if (total === 0) return null;
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (const { bucket, count } of buckets) {
      seen += count;
      if (rank < seen) return valueOf(bucket);
    }
    return valueOf(buckets[buckets.length - 1].bucket);
  };
  const position = fraction * (total - 1);
  const [lower, upper] = [Math.floor(position), Math.ceil(position)];
  const low = valueAtRank(lower);
  return low + (valueAtRank(upper) - low) * (position - lower);
}
