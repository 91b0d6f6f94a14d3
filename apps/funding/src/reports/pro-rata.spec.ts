import { proRata } from './pro-rata';

const shares = (amount: number, weights: Record<string, number>) =>
  Object.fromEntries(
    proRata(
      amount,
      Object.entries(weights).map(([key, weight]) => ({ key, weight })),
    ),
  );

describe('pro-rata division in whole cents', () => {
  it('an exact division needs no rounding', () => {
    expect(shares(10_000, { a: 3_000, b: 1_000 })).toEqual({ a: 7_500, b: 2_500 });
  });

  it('the cents left after rounding down go to the largest remainders, adding up exactly', () => {
    // 100 / 3 = 33.33 each: one cent is left, and goes to the tie-break winner (smallest key).
    expect(shares(100, { a: 1, b: 1, c: 1 })).toEqual({ a: 34, b: 33, c: 33 });
    // 1000 × 2/3 = 666.67 and 1000 × 1/3 = 333.33: the larger remainder gets the cent.
    expect(shares(1_000, { a: 1, b: 2 })).toEqual({ a: 333, b: 667 });
  });

  it('a tie between remainders goes to the larger weight', () => {
    // 2 × 1/4 = 0.5 and 2 × 3/4 = 1.5: equal remainders; the cent left goes to b.
    expect(shares(2, { a: 1, b: 3 })).toEqual({ a: 0, b: 2 });
    // 1 × 1/2 each: equal remainders and weights; the smaller key gets the cent.
    expect(shares(1, { z: 5, y: 5 })).toEqual({ y: 1, z: 0 });
  });

  it('every share is within a cent of its exact value and they sum to the amount', () => {
    for (let amount = 0; amount < 500; amount += 7) {
      const weights = { a: 1_234, b: 5_678, c: 91, d: 1 };
      const result = shares(amount, weights);
      const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
      expect(Object.values(result).reduce((sum, share) => sum + share, 0)).toBe(amount);
      for (const [key, weight] of Object.entries(weights)) {
        expect(Math.abs(result[key] - (amount * weight) / total)).toBeLessThan(1);
      }
    }
  });

  it('large amounts stay exact (no floating point)', () => {
    // amount × weight is far beyond Number.MAX_SAFE_INTEGER here.
    expect(shares(90_000_000_000_001, { a: 90_000_000_000_000, b: 180_000_000_000_000 })).toEqual({
      a: 30_000_000_000_000,
      b: 60_000_000_000_001,
    });
  });

  it('a weight of zero gets nothing; nothing to divide gives zeros', () => {
    expect(shares(99, { a: 0, b: 7 })).toEqual({ a: 0, b: 99 });
    expect(shares(0, {})).toEqual({});
    expect(() => shares(1, {})).toThrow(/sum to 0/);
    expect(() => shares(1.5, { a: 1 })).toThrow(/whole/);
  });
});
