import { quarterEnd, quarterOf, quartersBetween, quarterStart } from './quarter';

describe('calendar quarters in UTC', () => {
  it('names the quarter a moment falls in, in UTC', () => {
    expect(quarterOf(new Date('2026-12-31T23:00:00Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-03-31T23:30:00-02:00'))).toBe('2026-Q2');
  });

  it('bounds a quarter from its first moment to the first moment of the next', () => {
    expect(quarterStart('2026-Q4').toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(quarterEnd('2026-Q4').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('lists the quarters of a range across a year, both ends included', () => {
    expect(quartersBetween('2026-Q3', '2027-Q2')).toEqual([
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
    ]);
    expect(quartersBetween('2026-Q3', '2026-Q3')).toEqual(['2026-Q3']);
    expect(quartersBetween('2026-Q3', '2026-Q2')).toEqual([]);
  });

  it('refuses a name that is not a quarter', () => {
    expect(() => quarterStart('2026-Q5')).toThrow(RangeError);
  });
});
