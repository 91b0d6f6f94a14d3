/**
 * A week of the rollups and of GET /kpis/weekly: Monday 00:00 to Monday 00:00, UTC. An event
 * counts in the week of its own `time`. The SQL and the TypeScript below are the same definition.
 */

const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** The Monday (UTC) of the week of `time` (ms since the epoch), as YYYY-MM-DD. */
export function weekStartOf(time: number): string {
  const day = Math.floor(time / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

/** SQL for the Monday (UTC) of the week of the timestamptz `time`, a date. */
export const weekStartSql = (time: string): string =>
  `date_trunc('week', (${time})::timestamptz AT TIME ZONE 'UTC')::date`;
