/** Latency figures of a sample: the order statistics the benchmark prints. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of `sorted` (ascending) by the nearest-rank method: the smallest
 * value with at least q·n values at or below it. Null for an empty sample. Nearest rank never
 * invents a latency that was not measured, which interpolation would.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (q < 0 || q > 1 || Number.isNaN(q)) throw new RangeError(`quantile ${q} is not in [0, 1]`);
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** p50, p90, p99 and the maximum of `values` (in any order), rounded to 0.1. */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const value = quantile(sorted, q);
    return value === null ? null : Math.round(value * 10) / 10;
  };
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
