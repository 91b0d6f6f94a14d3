import { EntityManager } from 'typeorm';
import { UNKNOWN_ID } from '../read-model/rollups';
import {
  COUNTED_COLUMNS,
  DAY_FIGURE_COLUMNS,
  dayFiguresOf,
  dayKeyOf,
  SUMMED_COLUMNS,
} from './day-figures.sql';
import { countOf, DurationHistogram, percentileOf } from './duration-histogram';
import { KpiQuery } from './kpi.dto';
import {
  BudgetUtilisation,
  DurationPercentiles,
  deriveKpis,
  KpiBreakdown,
  KpiReport,
  utilisationOf,
} from './kpi-report';

/**
 * The referrals in scope: submission recorded, of the initiative (their first offer's), of the
 * category, submitted in [from, to). Parameters $1..$4; the partner ($5) is applied by each query,
 * to the referral's latest offer or to each offer.
 */
const SCOPE = `
  scope AS (
    SELECT * FROM referral_facts
     WHERE submitted_at IS NOT NULL
       AND ($1::uuid IS NULL OR initiative_id = $1::uuid)
       AND ($2::text IS NULL OR category = $2::text)
       AND ($3::timestamptz IS NULL OR submitted_at >= $3::timestamptz)
       AND ($4::timestamptz IS NULL OR submitted_at < $4::timestamptz)
  )`;

const parametersOf = (filters: KpiQuery): unknown[] => [
  filters.initiativeId ?? null,
  filters.category ?? null,
  filters.from ?? null,
  filters.to ?? null,
  filters.partnerId ?? null,
];

interface BudgetRow {
  budget_id: string;
  initiative_id: string;
  partner_id: string;
  category: string | null;
  awarded_cents: string;
  reserved_cents: string;
  charged_cents: string;
  as_of: Date;
  event_type: string;
}

/** The figures of the referrals in scope, added up over their day keys. */
interface FigureRow {
  submitted: number;
  assigned: number;
  unassignable: number;
  accepted: number;
  unfunded: number;
  cancelled: number;
  successful: number;
  unsuccessful: number;
  unsuccessful_by_reason: Record<string, number>;
  charged_cents: string;
  assign_histogram: DurationHistogram;
  accept_histogram: DurationHistogram;
  offers_made: number;
  offers_open: number;
  offers_accepted: number;
  offers_declined: number;
  offers_expired: number;
  offers_withdrawn: number;
  offers_cancelled: number;
  declined_by_reason: Record<string, number>;
}

/** Counts by reason in the order of the reasons (jsonb orders keys by length first). */
const sortedCounts = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const percentiles = (histogram: DurationHistogram): DurationPercentiles => ({
  count: countOf(histogram),
  p50: percentileOf(histogram, 0.5),
  p90: percentileOf(histogram, 0.9),
});

/**
 * The figures of the referrals in scope, from referral_day_figures where a row answers for a
 * whole day key in scope and is not stale, and computed from the facts for the rest: the days
 * `from` or `to` cut, the stale keys (changed since their row was written), and everything when
 * a partner is asked for (rows are not kept per partner) or the initiative is UNKNOWN_ID (which
 * rows use for referrals with none). Counts and sums are exact either way; percentiles come from
 * the histograms (duration-histogram.ts).
 */
async function readFigures(manager: EntityManager, filters: KpiQuery): Promise<FigureRow> {
  const sums = SUMMED_COLUMNS.map(
    (column) =>
      `coalesce(sum(${column}), 0)::${column === 'charged_cents' ? 'text' : 'int'} AS ${column}`,
  );
  const merged = COUNTED_COLUMNS.map(
    (column) =>
      `(SELECT coalesce(jsonb_object_agg(item, n), '{}')
          FROM (SELECT item, sum(n::int)::int AS n FROM parts, jsonb_each_text(parts.${column}) e(item, n)
                 GROUP BY item) items) AS ${column}`,
  );
  const useRows = filters.partnerId === undefined && filters.initiativeId !== UNKNOWN_ID;
  const parts = useRows
    ? PARTS_FROM_ROWS
    : `${SCOPE}, parts AS (${dayFiguresOf('scope', '$5::uuid')})`;
  const [row] = (await manager.query(
    `WITH ${parts} SELECT ${[...sums, ...merged].join(',\n')} FROM parts`,
    // Without a partner, $5 is not in the statement: PostgreSQL refuses a parameter it cannot type.
    useRows ? parametersOf(filters).slice(0, 4) : parametersOf(filters),
  )) as FigureRow[];
  return row;
}

/** The referral_facts row `f` is in scope ($1..$4, as SCOPE). */
const IN_SCOPE = `f.submitted_at IS NOT NULL
  AND ($1::uuid IS NULL OR f.initiative_id = $1::uuid)
  AND ($2::text IS NULL OR f.category = $2::text)
  AND ($3::timestamptz IS NULL OR f.submitted_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR f.submitted_at < $4::timestamptz)`;
const FROM_UTC = `($3::timestamptz AT TIME ZONE 'UTC')`;
/** The first day (UTC) that [from, to) holds whole, and the day after the last one. */
const FIRST_DAY = `(CASE WHEN $3::timestamptz IS NULL THEN '-infinity'::date
                         WHEN ${FROM_UTC}::time = '00:00' THEN ${FROM_UTC}::date
                         ELSE ${FROM_UTC}::date + 1 END)`;
const END_DAY = `coalesce(($4::timestamptz AT TIME ZONE 'UTC')::date, 'infinity'::date)`;
const startOf = (day: string) => `(${day}::timestamp AT TIME ZONE 'UTC')`;
const stillMarked = (r: string) =>
  `EXISTS (SELECT 1 FROM day_figures_stale s
            WHERE s.day = ${r}.day AND s.initiative_id = ${r}.initiative_id
              AND s.category = ${r}.category)`;

/**
 * The parts of a report without a partner: the rows of the whole days in scope that carry no
 * mark, and the figures of the facts of the days `from` and `to` cut (before the first whole day,
 * and from the end of the last one or, with none, of the first) and of the marked keys.
 * Each part reaches its facts through an index on the submission time, never the whole scope.
 */
const PARTS_FROM_ROWS = `
  stale AS (
    SELECT DISTINCT s.day, s.initiative_id, s.category FROM day_figures_stale s
     WHERE s.day >= ${FIRST_DAY} AND s.day < ${END_DAY}
       AND ($1::uuid IS NULL OR s.initiative_id = $1::uuid)
       AND ($2::text IS NULL OR s.category = $2::text)
  ), kept AS (
    SELECT r.* FROM referral_day_figures r
     WHERE r.day >= ${FIRST_DAY} AND r.day < ${END_DAY}
       AND ($1::uuid IS NULL OR r.initiative_id = $1::uuid)
       AND ($2::text IS NULL OR r.category = $2::text)
       AND NOT ${stillMarked('r')}
  ), live_facts AS (
    SELECT f.* FROM referral_facts f WHERE ${IN_SCOPE} AND f.submitted_at < ${startOf(FIRST_DAY)}
    UNION ALL
    SELECT f.* FROM referral_facts f WHERE ${IN_SCOPE} AND f.submitted_at >= greatest(${startOf(FIRST_DAY)}, ${startOf(END_DAY)})
    UNION ALL
    SELECT f.* FROM stale s JOIN referral_facts f
        ON f.submitted_at >= ${startOf('s.day')} AND f.submitted_at < ${startOf('(s.day + 1)')}
       AND ${dayKeyOf('f').initiativeId} = s.initiative_id AND ${dayKeyOf('f').category} = s.category
     WHERE ${IN_SCOPE}
  ), parts AS (
    SELECT ${DAY_FIGURE_COLUMNS.join(', ')} FROM kept
    UNION ALL SELECT * FROM (${dayFiguresOf('live_facts', 'NULL::uuid')}) live
  )`;

/**
 * The budgets of the initiative, partner and category (from/to do not apply), their money as the
 * ledger's movements left it (budget_balances); budget_states names each budget's scope.
 */
async function budgetUtilisation(
  manager: EntityManager,
  filters: KpiQuery,
): Promise<BudgetUtilisation[]> {
  const rows = (await manager.query(
    `SELECT s.budget_id, s.initiative_id, s.partner_id, s.category,
            b.awarded_cents,
            (b.reserve_cents - b.release_cents - b.charge_cents)::text AS reserved_cents,
            b.charge_cents::text AS charged_cents,
            b.as_of, b.event_type
       FROM budget_states s JOIN budget_balances b ON b.budget_id = s.budget_id
      WHERE ($1::uuid IS NULL OR s.initiative_id = $1::uuid)
        AND ($2::uuid IS NULL OR s.partner_id = $2::uuid)
        AND ($3::text IS NULL OR s.category = $3::text OR s.category IS NULL)
      ORDER BY s.initiative_id, s.partner_id, s.category NULLS FIRST, s.budget_id`,
    [filters.initiativeId ?? null, filters.partnerId ?? null, filters.category ?? null],
  )) as BudgetRow[];
  return rows.map((row) => {
    const awardedCents = Number(row.awarded_cents);
    const reservedCents = Number(row.reserved_cents);
    const chargedCents = Number(row.charged_cents);
    const availableCents = awardedCents - reservedCents - chargedCents;
    return {
      budgetId: row.budget_id,
      initiativeId: row.initiative_id,
      partnerId: row.partner_id,
      category: row.category,
      awardedCents,
      reservedCents,
      chargedCents,
      availableCents,
      utilisation: utilisationOf(awardedCents, availableCents),
      asOf: row.as_of.toISOString(),
      source: row.event_type,
    };
  });
}

/** Every KPI of the referrals that `filters` select, computed now from the read models. */
export async function readKpiReport(manager: EntityManager, filters: KpiQuery): Promise<KpiReport> {
  // One after the other: inside a transaction they share one connection.
  const row = await readFigures(manager, filters);
  const budgets = await budgetUtilisation(manager, filters);
  return deriveKpis(
    filters,
    {
      referrals: {
        submitted: row.submitted,
        assigned: row.assigned,
        unassignable: row.unassignable,
        accepted: row.accepted,
        unfunded: row.unfunded,
        cancelled: row.cancelled,
        successful: row.successful,
        unsuccessful: row.unsuccessful,
        unsuccessfulByReason: sortedCounts(row.unsuccessful_by_reason),
      },
      offers: {
        made: row.offers_made,
        open: row.offers_open,
        accepted: row.offers_accepted,
        declined: row.offers_declined,
        declinedByReason: sortedCounts(row.declined_by_reason),
        expired: row.offers_expired,
        withdrawn: row.offers_withdrawn,
        cancelled: row.offers_cancelled,
      },
      timeToAssignSeconds: percentiles(row.assign_histogram),
      timeToAcceptSeconds: percentiles(row.accept_histogram),
      chargedCents: Number(row.charged_cents),
    },
    budgets,
  );
}

/**
 * A report per partner (each partner any referral in scope was offered to) or per category (each
 * category of a referral in scope), each with the filters plus its own.
 */
export async function readKpiBreakdown(
  manager: EntityManager,
  filters: KpiQuery,
  by: KpiBreakdown['by'],
): Promise<KpiBreakdown> {
  const keys = (await manager.query(
    by === 'partner'
      ? `WITH ${SCOPE}
         SELECT DISTINCT o.partner_id::text AS key
           FROM referral_offers o JOIN scope s ON s.referral_id = o.referral_id
          WHERE $5::uuid IS NULL OR o.partner_id = $5::uuid
          ORDER BY 1`
      : `WITH ${SCOPE}
         SELECT DISTINCT category AS key FROM scope
          WHERE category IS NOT NULL AND ($5::uuid IS NULL OR partner_id = $5::uuid)
          ORDER BY 1`,
    parametersOf(filters),
  )) as { key: string }[];
  const groups: KpiBreakdown['groups'] = [];
  for (const { key } of keys) {
    const own: KpiQuery =
      by === 'partner' ? { partnerId: key } : { category: key as KpiQuery['category'] };
    groups.push({ key, kpis: await readKpiReport(manager, { ...filters, ...own }) });
  }
  return { by, groups };
}
