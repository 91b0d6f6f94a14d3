import type { OpeningHoursV1, OpeningPeriodV1 } from '@concord/contracts';
import { hsdsSchedulesOf, openingHoursOf, utcOffsetHours } from './hsds-schedule.mapper';

const SERVICE_ID = '3890ffac-e114-4ceb-8c57-12ce914a5ca9';
const JULY = new Date('2026-07-01T12:00:00Z');
const JANUARY = new Date('2026-01-15T12:00:00Z');

const weekly = (timeZone: string, ...periods: OpeningPeriodV1[]): OpeningHoursV1 => ({
  alwaysOpen: false,
  timeZone,
  weekly: periods,
});
const weekdays = (opens: string, closes: string): OpeningPeriodV1[] =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, opens, closes }));

describe('utcOffsetHours', () => {
  it.each([
    ['UTC', JULY, 0],
    ['America/Chicago', JULY, -5],
    ['America/Chicago', JANUARY, -6],
    ['Asia/Kolkata', JULY, 5.5],
    ['Asia/Kathmandu', JULY, 5.75],
    ['America/St_Johns', JANUARY, -3.5],
    ['Australia/Adelaide', new Date('1895-01-31T00:00:00Z'), 9 + 14 / 60 + 20 / 3600],
  ])(
    'is the offset in hours of %s at the given instant, daylight saving included',
    (zone, at, hours) => {
      expect(utcOffsetHours(zone, at)).toBe(hours);
    },
  );
});

describe('hsdsSchedulesOf', () => {
  it('writes an always-open service as one weekly row, every day, 00:00 to 23:59', () => {
    const rows = hsdsSchedulesOf(
      SERVICE_ID,
      { alwaysOpen: true, timeZone: 'UTC', weekly: [] },
      JULY,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR,SA,SU',
        opens_at: '00:00',
        closes_at: '23:59',
        timezone: 0,
      }),
    ]);
  });

  it('puts the days with the same hours in one row, in week order', () => {
    const hours = weekly(
      'America/Chicago',
      { day: 'fri', opens: '09:00', closes: '17:00' },
      { day: 'sat', opens: '10:00', closes: '14:00' },
      { day: 'mon', opens: '09:00', closes: '17:00' },
      { day: 'wed', opens: '09:00', closes: '17:00' },
    );
    const rows = hsdsSchedulesOf(SERVICE_ID, hours, JULY);
    expect(rows.map(({ byday, opens_at, closes_at }) => [byday, opens_at, closes_at])).toEqual([
      ['MO,WE,FR', '09:00', '17:00'],
      ['SA', '10:00', '14:00'],
    ]);
  });

  it('writes a split day as two rows, one per opening window', () => {
    const rows = hsdsSchedulesOf(
      SERVICE_ID,
      weekly('UTC', ...weekdays('09:00', '12:00'), ...weekdays('15:00', '17:00')),
      JULY,
    );
    expect(rows.map((row) => `${row.byday} ${row.opens_at}-${row.closes_at}`)).toEqual([
      'MO,TU,WE,TH,FR 09:00-12:00',
      'MO,TU,WE,TH,FR 15:00-17:00',
    ]);
  });

  it("writes a 24:00 closing as 23:59, HSDS's end of the day", () => {
    const [row] = hsdsSchedulesOf(
      SERVICE_ID,
      weekly('UTC', { day: 'sat', opens: '18:00', closes: '24:00' }),
      JULY,
    );
    expect(row.closes_at).toBe('23:59');
  });

  it("gives each row the zone's UTC offset at the time of export", () => {
    const hours = weekly('America/Chicago', ...weekdays('09:00', '17:00'));
    expect(hsdsSchedulesOf(SERVICE_ID, hours, JULY)[0].timezone).toBe(-5);
    expect(hsdsSchedulesOf(SERVICE_ID, hours, JANUARY)[0].timezone).toBe(-6);
  });

  it.each([
    [weekdays('09:00', '17:00'), 'Mon–Fri 09:00–17:00 (America/Chicago)'],
    [
      [
        { day: 'mon', opens: '15:00', closes: '19:00' },
        { day: 'wed', opens: '15:00', closes: '19:00' },
        { day: 'thu', opens: '15:00', closes: '19:00' },
        { day: 'fri', opens: '15:00', closes: '19:00' },
      ] as OpeningPeriodV1[],
      'Mon, Wed–Fri 15:00–19:00 (America/Chicago)',
    ],
    [
      [
        { day: 'sat', opens: '10:00', closes: '24:00' },
        { day: 'sun', opens: '10:00', closes: '24:00' },
      ] as OpeningPeriodV1[],
      'Sat, Sun 10:00–24:00 (America/Chicago)',
    ],
    [
      [{ day: 'fri', opens: '22:00', closes: '06:00' }] as OpeningPeriodV1[],
      'Fri 22:00–06:00 the next day (America/Chicago)',
    ],
  ])('describes the hours in plain words: %#', (periods, description) => {
    const [row] = hsdsSchedulesOf(SERVICE_ID, weekly('America/Chicago', ...periods), JULY);
    expect(row.description).toBe(description);
  });

  it('gives the same row the same id on every export, and each row its own', () => {
    const hours = weekly('UTC', ...weekdays('09:00', '12:00'), ...weekdays('15:00', '17:00'));
    const first = hsdsSchedulesOf(SERVICE_ID, hours, JULY).map((row) => row.id);
    const again = hsdsSchedulesOf(SERVICE_ID, hours, JANUARY).map((row) => row.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });
});

describe('openingHoursOf', () => {
  const PATH = 'services.0.schedules';
  const row = (fields: Record<string, unknown>) => ({
    id: '47f60130-ed8a-46cd-b36e-a296a0b7bf96',
    freq: 'WEEKLY',
    byday: 'MO',
    opens_at: '09:00',
    closes_at: '17:00',
    ...fields,
  });
  const read = (...rows: unknown[]) => openingHoursOf(rows, 'America/Chicago', PATH);

  it('reads a seven-day 00:00–23:59 row as always open', () => {
    expect(
      read(row({ byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '23:59' })).hours,
    ).toEqual({
      alwaysOpen: true,
      timeZone: 'America/Chicago',
      weekly: [],
    });
  });

  it('reads each day of a row as a period, in week order', () => {
    expect(read(row({ byday: 'FR,MO' }), row({ byday: 'MO', opens_at: '07:00' })).hours).toEqual(
      weekly(
        'America/Chicago',
        { day: 'mon', opens: '07:00', closes: '17:00' },
        { day: 'mon', opens: '09:00', closes: '17:00' },
        { day: 'fri', opens: '09:00', closes: '17:00' },
      ),
    );
  });

  it('reads a 23:59 closing as 24:00, the end of the day', () => {
    expect(read(row({ closes_at: '23:59' })).hours?.weekly).toEqual([
      { day: 'mon', opens: '09:00', closes: '24:00' },
    ]);
  });

  it.each([
    ['seconds of 00', { opens_at: '09:00:00', closes_at: '17:00:00' }],
    ['an absent freq', { freq: undefined }],
    ['an interval of 1', { interval: 1 }],
    ['an offset equal to the row timezone', { opens_at: '09:00-05:00', timezone: -5 }],
    ['Z on a row without timezone (HSDS takes that as UTC)', { opens_at: '09:00Z' }],
    ['null optional fields', { valid_from: null, interval: null, timezone: null }],
    ['day codes in lower case or spaced', { byday: ' mo ' }],
  ])('accepts a weekly row with %s', (_case, fields) => {
    expect(read(row(fields))).toEqual({
      hours: weekly('America/Chicago', { day: 'mon', opens: '09:00', closes: '17:00' }),
      problems: [],
    });
  });

  it('reads the same period given twice as one', () => {
    expect(read(row({}), row({})).hours?.weekly).toHaveLength(1);
  });

  it.each([
    ['a MONTHLY rule', { freq: 'MONTHLY' }, 'freq'],
    ['every second week', { interval: 2 }, 'interval'],
    ['days of the month', { bymonthday: '1,15' }, 'bymonthday'],
    ['weeks of the year', { byweekno: '10' }, 'byweekno'],
    ['a start of validity', { valid_from: '2026-01-01' }, 'valid_from'],
    ['an end of validity', { valid_to: '2026-12-31' }, 'valid_to'],
    ['an end of recurrence', { until: '2026-12-31' }, 'until'],
    ['a count of occurrences', { count: 10 }, 'count'],
    ['a first occurrence', { dtstart: '2026-01-05' }, 'dtstart'],
    ['a week-of-month day', { byday: '1MO' }, 'byday'],
    ['a day code that is not one', { byday: 'MO,XX' }, 'byday'],
    ['no days', { byday: undefined }, 'byday'],
    ['a time that is not HH:MM', { opens_at: '9am' }, 'opens_at'],
    ['an hour past the day', { opens_at: '25:00' }, 'opens_at'],
    ['seconds other than 00', { closes_at: '16:59:59' }, 'closes_at'],
    [
      'an offset other than the row timezone',
      { opens_at: '09:00-04:00', timezone: -5 },
      'opens_at',
    ],
    ['an offset on a row without timezone', { closes_at: '17:00-05:00' }, 'closes_at'],
    ['a timezone that is not a number', { timezone: 'America/Chicago' }, 'timezone'],
    ['no closing time', { closes_at: undefined }, 'closes_at'],
  ])('refuses a row with %s, naming the field', (_case, fields, field) => {
    const { hours, problems } = read(row({}), row(fields));
    expect(hours).toBeUndefined();
    expect(problems.map((problem) => problem.field)).toContain(`${PATH}.1.${field}`);
  });

  it('refuses a service without schedules: Concord routes only within opening hours', () => {
    for (const schedules of [undefined, null, []]) {
      expect(openingHoursOf(schedules, 'UTC', PATH).problems).toEqual([
        { field: PATH, message: expect.stringContaining('opening hours') },
      ]);
    }
  });

  it('refuses schedules that are not an array, or a row that is not an object', () => {
    expect(openingHoursOf({}, 'UTC', PATH).problems[0].field).toBe(PATH);
    expect(openingHoursOf(['MO'], 'UTC', PATH).problems[0].field).toBe(`${PATH}.0`);
  });
});
