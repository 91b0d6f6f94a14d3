import { historyWindow, MAX_HISTORY_WEEKS, weeklyCounts, windowEnd } from './history-window';

// Wednesday 2026-12-09, 10:00 UTC: the current week began on Monday 2026-12-07.
const NOW = Date.parse('2026-12-09T10:00:00Z');

describe('historyWindow', () => {
  it('runs from the week of the first referral to the week before the current one', () => {
    expect(historyWindow(new Date('2026-11-18T23:59:00Z'), NOW)).toEqual({
      from: '2026-11-16',
      to: '2026-11-30',
      weeks: 3,
    });
    expect(windowEnd({ from: '2026-11-16', to: '2026-11-30', weeks: 3 })).toBe('2026-12-07');
  });

  it('has no complete week when the first referral is in the current week, or none exists', () => {
    expect(historyWindow(new Date('2026-12-07T00:00:00Z'), NOW)).toBeNull();
    expect(historyWindow(null, NOW)).toBeNull();
  });

  it('keeps the last three years of a longer history', () => {
    const window = historyWindow(new Date('2015-03-04T00:00:00Z'), NOW);
    expect(window).toMatchObject({ to: '2026-11-30', weeks: MAX_HISTORY_WEEKS });
    expect(window?.from).toBe('2023-12-11');
  });
});

describe('weeklyCounts', () => {
  it('fills the weeks without a row with 0 and ignores rows outside the window', () => {
    const window = { from: '2026-11-02', to: '2026-11-23', weeks: 4 };
    const rows = [
      { week: '2026-11-16', count: 5 },
      { week: '2026-11-02', count: 2 },
      { week: '2026-11-30', count: 9 },
    ];
    expect(weeklyCounts(window, rows)).toEqual([2, 0, 5, 0]);
  });
});
