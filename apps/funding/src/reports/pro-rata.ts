/** One party to a division and its weight (e.g. a funding source and the cents it allocated). */
export interface Weight {
  readonly key: string;
  readonly weight: number;
}

/**
 * Divides `amount` cents among the keys in proportion to their weights, in whole cents that add
 * up to `amount` exactly (the largest-remainder method): each key first gets its exact share
 * rounded down; the cents left over go one each to the keys with the largest remainders, a tie
 * going to the larger weight and then to the smaller key. Each share is thus within one cent of
 * its exact value. BigInt keeps amount × weight exact.
 */
export function proRata(amount: number, weights: readonly Weight[]): Map<string, number> {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new Error(`proRata: ${amount} is not a whole, non-negative number of cents`);
  }
  const total = weights.reduce((sum, { weight }) => sum + BigInt(weight), 0n);
  if (weights.some(({ weight }) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new Error('proRata: weights must be whole, non-negative numbers');
  }
  if (total === 0n) {
    if (amount === 0) return new Map(weights.map(({ key }) => [key, 0]));
    throw new Error(`proRata: cannot divide ${amount} among weights that sum to 0`);
  }
  const exact = weights.map(({ key, weight }) => {
    const numerator = BigInt(amount) * BigInt(weight);
    return { key, weight, floor: numerator / total, remainder: numerator % total };
  });
  let left = BigInt(amount) - exact.reduce((sum, { floor }) => sum + floor, 0n);
  const byRemainder = [...exact].sort(
    (a, b) =>
      compareBig(b.remainder, a.remainder) ||
      b.weight - a.weight ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const shares = new Map(exact.map(({ key, floor }) => [key, floor]));
  for (const { key } of byRemainder) {
    if (left === 0n) break;
    shares.set(key, (shares.get(key) ?? 0n) + 1n);
    left -= 1n;
  }
  return new Map([...shares].map(([key, share]) => [key, Number(share)]));
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
