import { OpeningHoursV1, OpeningPeriodV1, Weekday, WEEKDAYS } from '@concord/contracts';
import { fieldPath, isRecord, itemPath, quoted } from './hsds-json.util';
import type { HsdsRecordProblem } from './hsds-import.mapper';
import { HSDS_DAY_CODES, HsdsDayCode, HsdsSchedule } from './hsds.types';
import { stableUuid } from './stable-uuid';

/**
 * Concord's weekly opening hours as HSDS schedule rows and back. HSDS has no "until midnight":
 * its documentation writes a day that runs to its end as closing at 23:59, so Concord's 24:00
 * goes out as 23:59 and a 23:59 closing comes back as 24:00.
 */

const DAY_CODE: Record<Weekday, HsdsDayCode> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};
const WEEKDAY_OF = new Map(WEEKDAYS.map((day) => [DAY_CODE[day], day]));
const DAY_LABEL: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const END_OF_DAY = '24:00';
const HSDS_END_OF_DAY = '23:59';

/** The zone's offsets in the current year: its standard and, if it has one, its summer offset. */
function zoneOffsets(timeZone: string): number[] {
  const year = new Date().getUTCFullYear();
  const offsets = [0, 6].map((month) =>
    utcOffsetHours(timeZone, new Date(Date.UTC(year, month, 1))),
  );
  return [...new Set(offsets)].sort((a, b) => a - b);
}

/** The zone's offset from UTC at `at`, in hours: HSDS's `timezone` is a number, not a zone. */
export function utcOffsetHours(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  // Seconds appear for local mean time, before a zone adopted standard time.
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (!match) throw new RangeError(`cannot read the UTC offset of ${timeZone}: ${name}`);
  const [, sign, hours, minutes, seconds] = match;
  if (sign === undefined) return 0;
  const offset = Number(hours) + Number(minutes) / 60 + Number(seconds ?? 0) / 3600;
  return sign === '-' ? -offset : offset;
}

/**
 * One row per distinct (opens, closes) with its days in week order, so a plain Mon–Fri 9–5 is one
 * row as HSDS publishers write it; split days (9–12 and 15–17) become two rows, as HSDS asks.
 */
export function hsdsSchedulesOf(
  serviceId: string,
  hours: OpeningHoursV1,
  now: Date,
): HsdsSchedule[] {
  const timezone = utcOffsetHours(hours.timeZone, now);
  if (hours.alwaysOpen) {
    return [
      {
        id: stableUuid(serviceId, 'schedule', '00:00', END_OF_DAY),
        freq: 'WEEKLY',
        byday: WEEKDAYS.map((day) => DAY_CODE[day]).join(','),
        opens_at: '00:00',
        closes_at: HSDS_END_OF_DAY,
        timezone,
        description: `Open around the clock, every day (${hours.timeZone})`,
      },
    ];
  }
  const groups = new Map<string, { opens: string; closes: string; days: Set<Weekday> }>();
  for (const { day, opens, closes } of sortedPeriods(hours.weekly)) {
    const key = `${opens}-${closes}`;
    const group = groups.get(key) ?? { opens, closes, days: new Set<Weekday>() };
    group.days.add(day);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ opens, closes, days }) => {
    const inWeekOrder = WEEKDAYS.filter((day) => days.has(day));
    return {
      id: stableUuid(serviceId, 'schedule', opens, closes),
      freq: 'WEEKLY',
      byday: inWeekOrder.map((day) => DAY_CODE[day]).join(','),
      opens_at: opens,
      closes_at: closes === END_OF_DAY ? HSDS_END_OF_DAY : closes,
      timezone,
      description: `${dayRanges(inWeekOrder)} ${opens}–${closes}${
        closes !== END_OF_DAY && closes < opens ? ' the next day' : ''
      } (${hours.timeZone})`,
    };
  });
}

/** Week order, then opening and closing time: the order in which the import gives periods back. */
export function sortedPeriods(periods: readonly OpeningPeriodV1[]): OpeningPeriodV1[] {
  return [...periods].sort(
    (a, b) =>
      WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) ||
      a.opens.localeCompare(b.opens) ||
      a.closes.localeCompare(b.closes),
  );
}

/** "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri", "Every day". */
function dayRanges(days: readonly Weekday[]): string {
  if (days.length === WEEKDAYS.length) return 'Every day';
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous !== undefined && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(previous) + 1) {
      run.push(day);
    } else {
      runs.push([day]);
    }
  }
  return runs
    .map((run) =>
      run.length >= 3
        ? `${DAY_LABEL[run[0]]}–${DAY_LABEL[run[run.length - 1]]}`
        : run.map((day) => DAY_LABEL[day]).join(', '),
    )
    .join(', ');
}

export interface HoursReading {
  hours?: OpeningHoursV1;
  problems: HsdsRecordProblem[];
}

/** Recurrence fields that make a row more than "every week on these days". */
const UNSUPPORTED_FIELDS = [
  'bymonthday',
  'byweekno',
  'byyearday',
  'valid_from',
  'valid_to',
  'dtstart',
  'until',
  'count',
] as const;

const WEEKLY_ONLY = 'Concord keeps weekly opening hours only';

interface WeeklyRow {
  days: Weekday[];
  opens: string;
  closes: string;
}

/**
 * A service's schedule rows as Concord's weekly hours in `timeZone`. A row Concord cannot keep
 * exactly is a problem, never silently dropped: routing a referral to a service that is in fact
 * closed is worse than not importing it.
 */
export function openingHoursOf(
  schedules: unknown,
  timeZone: string,
  path: string,
  /** False when the zone is a stand-in for a zone the service does not give. */
  zoneKnown = true,
): HoursReading {
  if (schedules !== undefined && schedules !== null && !Array.isArray(schedules)) {
    return { problems: [{ field: path, message: 'must be an array of schedules' }] };
  }
  if (!schedules || schedules.length === 0) {
    return {
      problems: [
        {
          field: path,
          message:
            'has no schedules: Concord routes a referral to a service only within its opening hours',
        },
      ],
    };
  }
  const problems: HsdsRecordProblem[] = [];
  const rows: WeeklyRow[] = [];
  const offsets = zoneKnown ? zoneOffsets(timeZone) : [];
  schedules.forEach((row: unknown, index) => {
    const read = weeklyRowOf(row, itemPath(path, index));
    if ('problems' in read) problems.push(...read.problems);
    else rows.push(read);
    // Times are read in the service's zone; a row written for another offset would be misread.
    const offset = isRecord(row) ? row.timezone : undefined;
    if (zoneKnown && typeof offset === 'number' && !offsets.includes(offset)) {
      problems.push({
        field: fieldPath(itemPath(path, index), 'timezone'),
        message: `is ${offset} hours from UTC, but ${timeZone} is ${offsets.join(' or ')}: Concord reads opening times in the service's time zone, so give times in it (or the zone they are in)`,
      });
    }
  });
  if (problems.length > 0) return { problems };

  const aroundTheClock = rows.some(
    (row) =>
      row.days.length === WEEKDAYS.length && row.opens === '00:00' && row.closes === END_OF_DAY,
  );
  if (aroundTheClock) return { hours: { alwaysOpen: true, timeZone, weekly: [] }, problems };
  const unique = new Map<string, OpeningPeriodV1>();
  for (const { days, opens, closes } of rows) {
    for (const day of days) unique.set(`${day} ${opens} ${closes}`, { day, opens, closes });
  }
  return {
    hours: { alwaysOpen: false, timeZone, weekly: sortedPeriods([...unique.values()]) },
    problems,
  };
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function weeklyRowOf(row: unknown, path: string): WeeklyRow | { problems: HsdsRecordProblem[] } {
  if (!isRecord(row)) return { problems: [{ field: path, message: 'must be a schedule object' }] };
  const problems: HsdsRecordProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field: fieldPath(path, field), message });

  if (present(row.freq) && row.freq !== 'WEEKLY') {
    problem('freq', `is ${quoted(row.freq)}: ${WEEKLY_ONLY} (freq WEEKLY)`);
  }
  if (present(row.interval) && row.interval !== 1) {
    problem(
      'interval',
      typeof row.interval === 'number'
        ? `is ${row.interval}: ${WEEKLY_ONLY}, not every ${row.interval} weeks`
        : `must be a number, not ${quoted(row.interval)}`,
    );
  }
  for (const field of UNSUPPORTED_FIELDS) {
    if (present(row[field])) {
      problem(field, `is set (${quoted(row[field])}): ${WEEKLY_ONLY}, without dates or counts`);
    }
  }

  const days = daysOf(row.byday, (message) => problem('byday', message));
  let offset = 0;
  if (present(row.timezone)) {
    if (typeof row.timezone === 'number' && Number.isFinite(row.timezone)) offset = row.timezone;
    else problem('timezone', `must be a UTC offset in hours, not ${quoted(row.timezone)}`);
  }
  const opens = clockOf(row.opens_at, offset, false, (message) => problem('opens_at', message));
  const closes = clockOf(row.closes_at, offset, true, (message) => problem('closes_at', message));

  if (problems.length > 0 || days === undefined || opens === undefined || closes === undefined) {
    return { problems };
  }
  return { days, opens, closes: closes === HSDS_END_OF_DAY ? END_OF_DAY : closes };
}

function daysOf(byday: unknown, report: (message: string) => void): Weekday[] | undefined {
  if (typeof byday !== 'string' || byday.trim() === '') {
    report('must list the days the row applies to, e.g. "MO,TU,WE"');
    return undefined;
  }
  const days = new Set<Weekday>();
  let valid = true;
  for (const code of byday.split(',').map((part) => part.trim().toUpperCase())) {
    const day = WEEKDAY_OF.get(code as HsdsDayCode);
    if (day) {
      days.add(day);
    } else if (/^[+-]?\d+(MO|TU|WE|TH|FR|SA|SU)$/.test(code)) {
      report(`has ${code}, a day of the month: ${WEEKLY_ONLY}`);
      valid = false;
    } else {
      report(`has ${quoted(code)}, which is not one of ${HSDS_DAY_CODES.join(', ')}`);
      valid = false;
    }
  }
  return valid ? WEEKDAYS.filter((day) => days.has(day)) : undefined;
}

const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/** `HH:MM`, `HH:MM:SS` with 00 seconds, and an offset suffix only if it agrees with the row. */
function clockOf(
  value: unknown,
  rowOffset: number,
  closing: boolean,
  report: (message: string) => void,
): string | undefined {
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  if (!match) {
    report(`must be a time HH:MM, not ${quoted(value)}`);
    return undefined;
  }
  const [, hours, minutes, seconds, suffix] = match;
  const clock = `${hours}:${minutes}`;
  const inDay = Number(hours) <= 23 && Number(minutes) <= 59;
  if (!inDay && !(closing && clock === END_OF_DAY)) {
    report(`is ${quoted(value)}, which is not a time of day`);
    return undefined;
  }
  if (seconds !== undefined && seconds !== '00') {
    report(`is ${quoted(value)}: Concord keeps opening hours to the minute`);
    return undefined;
  }
  if (suffix !== undefined) {
    const offset = offsetHoursOf(suffix);
    if (offset !== rowOffset) {
      report(
        `is ${quoted(value)}, at UTC${suffix === 'Z' ? '' : suffix}, but the row's timezone is ${rowOffset} hours`,
      );
      return undefined;
    }
  }
  return clock;
}

function offsetHoursOf(suffix: string): number {
  if (suffix === 'Z') return 0;
  const hours = Number(suffix.slice(1, 3)) + Number(suffix.slice(4, 6)) / 60;
  return suffix.startsWith('-') ? -hours : hours;
}
