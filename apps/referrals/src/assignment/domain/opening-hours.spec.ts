import type { OpeningHours, OpeningPeriod } from './partner';
import { isOpenAt } from './opening-hours';

const hours = (timeZone: string, ...weekly: OpeningPeriod[]): OpeningHours => ({
  alwaysOpen: false,
  timeZone,
  weekly,
});

// 2026-01-02 is a Friday, 2026-01-04 a Sunday; Chicago moves to daylight time on 2026-03-08.
describe('isOpenAt', () => {
  it('a service that is always open is open at any time, whatever its weekly periods', () => {
    const always: OpeningHours = { alwaysOpen: true, timeZone: 'UTC', weekly: [] };
    expect(isOpenAt(always, new Date('2026-01-04T03:17:00Z'))).toBe(true);
  });

  it('a service without periods is closed', () => {
    expect(isOpenAt(hours('UTC'), new Date('2026-01-02T12:00:00Z'))).toBe(false);
  });

  it('a period is open from its opening minute up to but not including its closing minute', () => {
    const fridays = hours('UTC', { day: 'fri', opens: '09:00', closes: '17:00' });
    expect(isOpenAt(fridays, new Date('2026-01-02T08:59:00Z'))).toBe(false);
    expect(isOpenAt(fridays, new Date('2026-01-02T09:00:00Z'))).toBe(true);
    expect(isOpenAt(fridays, new Date('2026-01-02T16:59:00Z'))).toBe(true);
    expect(isOpenAt(fridays, new Date('2026-01-02T17:00:00Z'))).toBe(false);
  });

  it('a period applies only on its own weekday', () => {
    const fridays = hours('UTC', { day: 'fri', opens: '09:00', closes: '17:00' });
    expect(isOpenAt(fridays, new Date('2026-01-03T12:00:00Z'))).toBe(false);
  });

  it("the weekday and time are the service's local ones, not UTC's", () => {
    const tokyoMondayMornings = hours('Asia/Tokyo', {
      day: 'mon',
      opens: '08:00',
      closes: '12:00',
    });
    // Sunday 23:30 in UTC is Monday 08:30 in Tokyo.
    expect(isOpenAt(tokyoMondayMornings, new Date('2026-01-04T23:30:00Z'))).toBe(true);
  });

  it('the periods follow the local clock across a daylight-saving change', () => {
    const chicagoMondays = hours('America/Chicago', {
      day: 'mon',
      opens: '09:00',
      closes: '17:00',
    });
    // 14:30 UTC is 08:30 CST before the change and 09:30 CDT after it.
    expect(isOpenAt(chicagoMondays, new Date('2026-03-02T14:30:00Z'))).toBe(false);
    expect(isOpenAt(chicagoMondays, new Date('2026-03-09T14:30:00Z'))).toBe(true);
  });

  it('a period closing at 24:00 is open until the end of the day', () => {
    const sundayEvenings = hours('America/Chicago', {
      day: 'sun',
      opens: '18:00',
      closes: '24:00',
    });
    expect(isOpenAt(sundayEvenings, new Date('2026-03-09T04:59:00Z'))).toBe(true); // Sun 23:59 CDT
    expect(isOpenAt(sundayEvenings, new Date('2026-03-09T05:00:00Z'))).toBe(false); // Mon 00:00
  });

  it('a period closing before it opens runs past midnight into the next day', () => {
    const fridayNights = hours('UTC', { day: 'fri', opens: '22:00', closes: '06:00' });
    expect(isOpenAt(fridayNights, new Date('2026-01-02T21:59:00Z'))).toBe(false);
    expect(isOpenAt(fridayNights, new Date('2026-01-02T23:00:00Z'))).toBe(true);
    expect(isOpenAt(fridayNights, new Date('2026-01-03T03:00:00Z'))).toBe(true);
    expect(isOpenAt(fridayNights, new Date('2026-01-03T06:00:00Z'))).toBe(false);
    expect(isOpenAt(fridayNights, new Date('2026-01-03T23:00:00Z'))).toBe(false);
  });

  it('a Sunday night period runs into Monday morning', () => {
    const sundayNights = hours('UTC', { day: 'sun', opens: '22:00', closes: '02:00' });
    expect(isOpenAt(sundayNights, new Date('2026-01-05T01:00:00Z'))).toBe(true);
  });
});
