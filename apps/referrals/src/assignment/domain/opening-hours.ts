import { WEEKDAYS } from '@concord/contracts';
import type { Weekday } from '@concord/contracts';
import type { OpeningHours, OpeningPeriod } from './partner';

/**
 * Whether the service takes calls at the instant `at`, judged by the wall clock in the service's
 * own time zone (so daylight-saving changes move the periods with the local clock). A period is
 * open from `opens` up to but not including `closes`; `24:00` closes at the end of the day, and a
 * period that closes earlier than it opens runs past midnight into the next day. A period that
 * closes when it opens is empty.
 */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  if (hours.alwaysOpen) return true;
  const local = localTime(hours.timeZone, at);
  return hours.weekly.some((period) => periodCovers(period, local));
}

interface LocalTime {
  day: Weekday;
  minuteOfDay: number;
}

function periodCovers(period: OpeningPeriod, { day, minuteOfDay }: LocalTime): boolean {
  const opens = minutesOf(period.opens);
  const closes = minutesOf(period.closes);
  if (opens <= closes) return day === period.day && opens <= minuteOfDay && minuteOfDay < closes;
  return (
    (day === period.day && minuteOfDay >= opens) ||
    (day === nextDay(period.day) && minuteOfDay < closes)
  );
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

function nextDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % WEEKDAYS.length];
}

/** Building a formatter is costly next to using one, and services share a few time zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(timeZone: string, at: Date): LocalTime {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  const day = WEEKDAYS.find((candidate) => candidate === parts.weekday.toLowerCase());
  if (day === undefined) throw new Error(`Unexpected weekday ${parts.weekday} in ${timeZone}`);
  return { day, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) };
}
