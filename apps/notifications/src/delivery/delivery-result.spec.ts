import { backoffMs } from './delivery-result';

describe('the wait between tries', () => {
  it('doubles from the initial back-off after each failed try', () => {
    expect([1, 2, 3, 4].map((tries) => backoffMs(1000, 60_000, tries))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('never exceeds the longest wait, however many tries failed', () => {
    expect(backoffMs(1000, 60_000, 7)).toBe(60_000);
    expect(backoffMs(1000, 60_000, 500)).toBe(60_000);
  });
});
