import {
  daysOf,
  daysPeriod,
  endOf,
  latestCompleteQuarter,
  previousPeriod,
  quarterPeriod,
  startOf,
} from './review-period';

describe('the period of a partnership review', () => {
  it('a quarter runs from its first to its last day, UTC', () => {
    const q4 = quarterPeriod('2026-Q4');
    expect(q4).toEqual({
      label: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
      quarters: ['2026-Q4'],
    });
    expect([startOf(q4), endOf(q4)]).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('the period before a quarter is the quarter before, across a year end', () => {
    expect(previousPeriod(quarterPeriod('2027-Q1'))).toEqual(quarterPeriod('2026-Q4'));
  });

  it('the period before a run of days is as many days ending the day before it', () => {
    const period = daysPeriod('2026-03-01', '2026-03-10');
    const before = previousPeriod(period);
    expect([before.from, before.to]).toEqual(['2026-02-19', '2026-02-28']);
    expect(daysOf(before)).toBe(daysOf(period));
  });

  it('a run of days holds only the quarters lying wholly inside it', () => {
    expect(daysPeriod('2026-02-15', '2026-10-31').quarters).toEqual(['2026-Q2', '2026-Q3']);
    expect(daysPeriod('2026-01-01', '2026-06-30').quarters).toEqual(['2026-Q1', '2026-Q2']);
    expect(daysPeriod('2026-01-02', '2026-03-31').quarters).toEqual([]);
  });

  it('without a period asked for, the review is of the latest quarter that has ended', () => {
    expect(latestCompleteQuarter(new Date('2026-12-07T12:00:00Z')).label).toBe('2026-Q3');
    expect(latestCompleteQuarter(new Date('2027-01-01T00:00:00Z')).label).toBe('2026-Q4');
  });

  it('refuses a run of days that ends before it starts', () => {
    expect(() => daysPeriod('2026-03-10', '2026-03-01')).toThrow(RangeError);
  });
});
