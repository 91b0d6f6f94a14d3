import { weekStartOf } from '../read-model/week';
import { weekRangeOf } from './week-range';

const at = (iso: string) => Date.parse(iso);

describe('weekStartOf', () => {
  it('is the Monday of the week, in UTC, from Monday 00:00 to Sunday 23:59:59.999', () => {
    expect(weekStartOf(at('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(weekStartOf(at('2026-03-08T23:59:59.999Z'))).toBe('2026-03-02');
    expect(weekStartOf(at('2026-03-09T00:00:00Z'))).toBe('2026-03-09');
    // Monday 00:30 in Paris is still Sunday in UTC.
    expect(weekStartOf(at('2026-03-09T00:30:00+01:00'))).toBe('2026-03-02');
    expect(weekStartOf(at('1970-01-01T00:00:00Z'))).toBe('1969-12-29');
  });
});

describe('weekRangeOf', () => {
  const now = at('2026-03-11T15:00:00Z'); // a Wednesday

  it('is the current week and the 11 before it by default', () => {
    expect(weekRangeOf(undefined, undefined, now)).toEqual({
      from: '2025-12-22',
      to: '2026-03-09',
      weeks: 12,
    });
  });

  it('lists the week of `from` to the week of `to`, both included', () => {
    expect(weekRangeOf('2026-01-07', '2026-01-25T23:00:00-02:00', now)).toEqual({
      from: '2026-01-05',
      to: '2026-01-26',
      weeks: 4,
    });
  });

  it('ends with the current week when only `from` is given, and has 12 weeks when only `to` is', () => {
    expect(weekRangeOf('2026-02-23', undefined, now)).toMatchObject({ to: '2026-03-09', weeks: 3 });
    expect(weekRangeOf(undefined, '2026-01-05', now)).toMatchObject({
      from: '2025-10-20',
      weeks: 12,
    });
  });

  it('counts no week when `from` is after `to`', () => {
    expect(weekRangeOf('2026-04-01', undefined, now).weeks).toBeLessThan(1);
  });
});
