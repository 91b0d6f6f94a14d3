import { EntityManager } from 'typeorm';
import { weekStartSql } from '../read-model/week';
import { ArrivalCountRow, CapacityRow, DemandCountRow, TimeOpenRow } from './demand-forecast';
import { DemandForecastQuery } from './demand-forecast.dto';
import { HistoryWindow, windowEnd } from './history-window';
import { addWeeks } from './weekly-series';

/**
 * The counts GET /forecast is made from, read from the insights read model: referral_facts
 * (one row per referral) and partner_capacities. Counts, sums and means only: no row about a
 * referral leaves this file.
 */

/** The weeks over which the mean time a case stays open is measured, ending with the window. */
export const TIME_OPEN_WEEKS = 26;

/** The filters of the demand series; $1 initiative, $2 category, $3 area code. */
const DEMAND_SCOPE = `f.submitted_at IS NOT NULL
   AND ($1::uuid IS NULL OR f.initiative_id = $1::uuid)
   AND ($2::text IS NULL OR f.category = $2::text)
   AND ($3::text IS NULL OR f.area_code = $3::text)`;

const scopeParameters = (query: DemandForecastQuery) => [
  query.initiativeId ?? null,
  query.category ?? null,
  query.areaCode ?? null,
];

const instant = (monday: string): string => `${monday}T00:00:00Z`;

/** When the first referral the filters select was submitted; null when there is none. */
export async function firstSubmission(
  manager: EntityManager,
  query: DemandForecastQuery,
): Promise<Date | null> {
  const [row] = (await manager.query(
    `SELECT min(f.submitted_at) AS first FROM referral_facts f WHERE ${DEMAND_SCOPE}`,
    scopeParameters(query),
  )) as { first: Date | null }[];
  return row.first;
}

/** Referrals submitted per category, area code and week of the window (weeks with any only). */
export async function readDemandCounts(
  manager: EntityManager,
  query: DemandForecastQuery,
  window: HistoryWindow,
): Promise<DemandCountRow[]> {
  return (await manager.query(
    `SELECT f.category, f.area_code AS "areaCode",
            to_char(${weekStartSql('f.submitted_at')}, 'YYYY-MM-DD') AS week, count(*)::int AS count
       FROM referral_facts f
      WHERE ${DEMAND_SCOPE} AND f.submitted_at >= $4::timestamptz AND f.submitted_at < $5::timestamptz
      GROUP BY 1, 2, 3`,
    [...scopeParameters(query), instant(window.from), instant(windowEnd(window))],
  )) as DemandCountRow[];
}

/**
 * The referrals each partner accepted per category and week of the window. With an initiative,
 * the partners and categories are those the initiative offered referrals of; the arrivals are
 * still of every initiative and area, since the partner's capacity holds them all.
 */
export async function readArrivalCounts(
  manager: EntityManager,
  query: DemandForecastQuery,
  window: HistoryWindow,
): Promise<ArrivalCountRow[]> {
  const ofInitiative = `AND (f.partner_id, f.category) IN (
         SELECT o.partner_id, g.category
           FROM referral_offers o JOIN referral_facts g ON g.referral_id = o.referral_id
          WHERE o.initiative_id = $4::uuid)`;
  return (await manager.query(
    `SELECT f.partner_id AS "partnerId", f.category,
            to_char(${weekStartSql('f.accepted_at')}, 'YYYY-MM-DD') AS week, count(*)::int AS count
       FROM referral_facts f
      WHERE f.partner_id IS NOT NULL AND f.category IS NOT NULL
        AND f.accepted_at >= $1::timestamptz AND f.accepted_at < $2::timestamptz
        AND ($3::text IS NULL OR f.category = $3::text)
        ${query.initiativeId === undefined ? '' : ofInitiative}
      GROUP BY 1, 2, 3`,
    [
      instant(window.from),
      instant(windowEnd(window)),
      query.category ?? null,
      ...(query.initiativeId === undefined ? [] : [query.initiativeId]),
    ],
  )) as ArrivalCountRow[];
}

/**
 * Per partner and category, the mean time from acceptance to completion of the cases completed
 * in the TIME_OPEN_WEEKS complete weeks that end the window. A case completed the instant it was
 * accepted held no capacity, and is left out.
 */
export async function readTimeOpen(
  manager: EntityManager,
  partnerIds: readonly string[],
  window: HistoryWindow,
): Promise<TimeOpenRow[]> {
  const end = windowEnd(window);
  return (await manager.query(
    `SELECT f.partner_id AS "partnerId", f.category, count(*)::int AS cases,
            avg(extract(epoch FROM f.completed_at - f.accepted_at))::float8 AS "meanSeconds"
       FROM referral_facts f
      WHERE f.partner_id = ANY($1::uuid[]) AND f.accepted_at IS NOT NULL AND f.category IS NOT NULL
        AND f.completed_at > f.accepted_at
        AND f.completed_at >= $2::timestamptz AND f.completed_at < $3::timestamptz
      GROUP BY 1, 2`,
    [partnerIds, instant(addWeeks(end, -TIME_OPEN_WEEKS)), instant(end)],
  )) as TimeOpenRow[];
}

/** The capacity each partner declared per category: the sum over its services of the category. */
export async function readCapacities(
  manager: EntityManager,
  partnerIds: readonly string[],
): Promise<CapacityRow[]> {
  return (await manager.query(
    `SELECT organization_id AS "partnerId", category, sum(capacity)::int AS capacity
       FROM partner_capacities WHERE organization_id = ANY($1::uuid[])
      GROUP BY 1, 2`,
    [partnerIds],
  )) as CapacityRow[];
}
