import { EntityManager } from 'typeorm';
import { WeeklyKpiQuery } from './weekly-kpi.dto';
import { weekRangeOf } from './week-range';
import { deriveWeek, WeeklyKpis, WeekSums } from './weekly-kpis';

const sumOf = (column: string, as: 'int' | 'text') =>
  `coalesce(sum(f.${column}), 0)::${as} AS ${column}`;

/**
 * Every week of the range, from the weekly_figures rollup (never from referral_facts): the rows
 * of the initiative, or of every initiative added up; a week without a row has zeros.
 */
export async function readWeeklyKpis(
  manager: EntityManager,
  query: WeeklyKpiQuery,
  now: number,
): Promise<WeeklyKpis> {
  const range = weekRangeOf(query.from, query.to, now);
  const initiativeId = query.initiativeId ?? null;
  const counts = [
    'assigned',
    'accepted',
    'offers_accepted',
    'offers_declined',
    'offers_expired',
    'successful',
    'unsuccessful',
  ].map((column) => sumOf(column, 'int'));
  const sums = ['assign_seconds_sum', 'accept_seconds_sum', 'charged_cents'].map((column) =>
    sumOf(column, 'text'),
  );
  const rows = (await manager.query(
    `SELECT to_char(w.week_start, 'YYYY-MM-DD') AS week_start, ${[...counts, ...sums].join(', ')}
       FROM generate_series($1::timestamp, $2::timestamp, interval '1 week') AS w(week_start)
       LEFT JOIN weekly_figures f
         ON f.week_start = w.week_start::date AND ($3::uuid IS NULL OR f.initiative_id = $3::uuid)
      GROUP BY w.week_start
      ORDER BY w.week_start`,
    [range.from, range.to, initiativeId],
  )) as WeekSums[];
  return {
    filters: { initiativeId, from: range.from, to: range.to },
    weeks: rows.map(deriveWeek),
  };
}
