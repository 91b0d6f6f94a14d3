import { EntityManager } from 'typeorm';
import { unfundedSince } from '../read-model/unfunded-case';
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

interface ReferralRow {
  submitted: number;
  assigned: number;
  unassignable: number;
  accepted: number;
  unfunded: number;
  cancelled: number;
  successful: number;
  unsuccessful: number;
  charged_cents: string;
  assign_count: number;
  assign_percentiles: number[] | null;
  accept_count: number;
  accept_percentiles: number[] | null;
}

interface OfferRow {
  made: number;
  open: number;
  accepted: number;
  declined: number;
  expired: number;
  withdrawn: number;
  cancelled: number;
}

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

const percentiles = (count: number, values: number[] | null): DurationPercentiles => ({
  count,
  p50: values?.[0] ?? null,
  p90: values?.[1] ?? null,
});

const countsBy = (rows: { key: string; count: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map(({ key, count }) => [key, count]));

const seconds = (from: string, to: string) => `extract(epoch FROM ${to} - ${from})::float8`;

async function referralCounts(manager: EntityManager, parameters: unknown[]) {
  const [row] = (await manager.query(
    `WITH ${SCOPE}
     SELECT count(*)::int AS submitted,
            count(first_assigned_at)::int AS assigned,
            count(*) FILTER (WHERE unassignable_count > 0)::int AS unassignable,
            count(accepted_at)::int AS accepted,
            count(*) FILTER (WHERE ${unfundedSince('scope')} IS NOT NULL)::int AS unfunded,
            count(cancelled_at)::int AS cancelled,
            count(*) FILTER (WHERE outcome = 'successful')::int AS successful,
            count(*) FILTER (WHERE outcome = 'unsuccessful')::int AS unsuccessful,
            coalesce(sum(charged_cents), 0)::text AS charged_cents,
            count(first_assigned_at)::int AS assign_count,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP
              (ORDER BY ${seconds('submitted_at', 'first_assigned_at')}) AS assign_percentiles,
            count(accepted_at - last_assigned_at)::int AS accept_count,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP
              (ORDER BY ${seconds('last_assigned_at', 'accepted_at')}) AS accept_percentiles
       FROM scope
      WHERE $5::uuid IS NULL OR partner_id = $5::uuid`,
    parameters,
  )) as ReferralRow[];
  const unsuccessful = (await manager.query(
    `WITH ${SCOPE}
     SELECT coalesce(unsuccessful_reason, 'unspecified') AS key, count(*)::int AS count
       FROM scope
      WHERE outcome = 'unsuccessful' AND ($5::uuid IS NULL OR partner_id = $5::uuid)
      GROUP BY 1 ORDER BY 1`,
    parameters,
  )) as { key: string; count: number }[];
  return { row, unsuccessfulByReason: countsBy(unsuccessful) };
}

async function offerCounts(manager: EntityManager, parameters: unknown[]) {
  const offersInScope = `referral_offers o JOIN scope s ON s.referral_id = o.referral_id
      WHERE ($5::uuid IS NULL OR o.partner_id = $5::uuid)`;
  const [row] = (await manager.query(
    `WITH ${SCOPE}
     SELECT count(*)::int AS made,
            count(*) FILTER (WHERE o.ending IS NULL)::int AS open,
            count(*) FILTER (WHERE o.ending = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE o.ending = 'declined')::int AS declined,
            count(*) FILTER (WHERE o.ending = 'expired')::int AS expired,
            count(*) FILTER (WHERE o.ending = 'withdrawn')::int AS withdrawn,
            count(*) FILTER (WHERE o.ending = 'cancelled')::int AS cancelled
       FROM ${offersInScope}`,
    parameters,
  )) as OfferRow[];
  const declined = (await manager.query(
    `WITH ${SCOPE}
     SELECT coalesce(o.reason, 'unspecified') AS key, count(*)::int AS count
       FROM ${offersInScope} AND o.ending = 'declined'
      GROUP BY 1 ORDER BY 1`,
    parameters,
  )) as { key: string; count: number }[];
  return { row, declinedByReason: countsBy(declined) };
}

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
  const parameters = parametersOf(filters);
  const referrals = await referralCounts(manager, parameters);
  const offers = await offerCounts(manager, parameters);
  const budgets = await budgetUtilisation(manager, filters);
  const { row } = referrals;
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
        unsuccessfulByReason: referrals.unsuccessfulByReason,
      },
      offers: { ...offers.row, declinedByReason: offers.declinedByReason },
      timeToAssignSeconds: percentiles(row.assign_count, row.assign_percentiles),
      timeToAcceptSeconds: percentiles(row.accept_count, row.accept_percentiles),
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
