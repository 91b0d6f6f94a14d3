/**
 * Synthetic weekly counts for the forecast's unit tests (no test framework here): deterministic,
 * from a seeded PRNG, so that a test sees the same series every run.
 */

/** mulberry32: a small 32-bit PRNG, uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller) from two uniform ones. */
export const standardNormal = (uniform: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

/**
 * Three years of weekly referrals: 60 a week, rising by 5 a year, 20 either side of that over
 * the year (a yearly sine, season length 52), and noise with a standard deviation of 10 % of the
 * week's mean, in whole referrals.
 */
export function seasonalWeeks(seed: number, weeks = 156): number[] {
  const uniform = mulberry32(seed);
  return Array.from({ length: weeks }, (_, t) => {
    const mean = 60 + (5 / 52) * t + 20 * Math.sin((2 * Math.PI * t) / 52);
    return Math.max(0, Math.round(mean * (1 + 0.1 * standardNormal(uniform))));
  });
}

/** Weekly counts that wander with no season and no trend: a random walk from 50, kept ≥ 0. */
export function wanderingWeeks(seed: number, weeks = 156): number[] {
  const uniform = mulberry32(seed);
  let count = 50;
  return Array.from({ length: weeks }, () => {
    count = Math.max(0, count + 5 * standardNormal(uniform));
    return Math.round(count);
  });
}
