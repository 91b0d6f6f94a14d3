import { UNKNOWN_ID } from '../read-model/rollups';
import { unfundedSince } from '../read-model/unfunded-case';
import { bucketSql } from './duration-histogram';

/**
 * The KPI figures of a set of referrals per day key — the day (UTC) of their submission, their
 * initiative (UNKNOWN_ID while they have none), their category — as referral_day_figures keeps
 * them: counts, sums, reasons and duration histograms, all of which add up across keys. The
 * refresher writes them for the keys it recomputes; GET /kpis computes them for the keys no row
 * answers for (stale, part of a day, a partner's) and adds both up (kpi-report.query.ts).
 */

/** The columns of referral_day_figures, in order. */
export const DAY_FIGURE_COLUMNS = [
  'day',
  'initiative_id',
  'category',
  'submitted',
  'assigned',
  'unassignable',
  'accepted',
  'unfunded',
  'cancelled',
  'successful',
  'unsuccessful',
  'unsuccessful_by_reason',
  'charged_cents',
  'assign_histogram',
  'accept_histogram',
  'offers_made',
  'offers_open',
  'offers_accepted',
  'offers_declined',
  'offers_expired',
  'offers_withdrawn',
  'offers_cancelled',
  'declined_by_reason',
] as const;

/** Columns that hold a count or a sum. */
export const SUMMED_COLUMNS = DAY_FIGURE_COLUMNS.filter(
  (column) =>
    !['day', 'initiative_id', 'category'].includes(column) && !/_by_reason|_histogram/.test(column),
);
/** Columns that hold a JSON object of counts: reasons or histogram buckets. */
export const COUNTED_COLUMNS = DAY_FIGURE_COLUMNS.filter((column) =>
  /_by_reason|_histogram/.test(column),
);

/** The day key of the referral_facts row `f`. */
export const dayKeyOf = (f: string) => ({
  day: `(${f}.submitted_at AT TIME ZONE 'UTC')::date`,
  initiativeId: `coalesce(${f}.initiative_id, '${UNKNOWN_ID}'::uuid)`,
  category: `coalesce(${f}.category, '')`,
});

const KEY = 'day, initiative_id, category';
const seconds = (from: string, to: string) => `extract(epoch FROM ${to} - ${from})::float8`;

/**
 * A query of one row per day key of the referral_facts rows of relation `facts`, its columns
 * DAY_FIGURE_COLUMNS. With `partner` (an SQL expression, e.g. `$5::uuid`, NULL for none), the
 * referral figures count the referrals whose latest offer is the partner's, and the offer figures
 * the partner's offers: docs/insights.md's scope.
 */
export function dayFiguresOf(facts: string, partner: string): string {
  const key = dayKeyOf('f');
  const ofPartner = `(${partner} IS NULL OR partner_id = ${partner})`;
  const counts = (relation: string, column: string, where: string) =>
    `SELECT ${KEY}, jsonb_object_agg(item, n) AS counts
       FROM (SELECT ${KEY}, ${column} AS item, count(*)::int AS n FROM ${relation}
              WHERE ${where} GROUP BY ${KEY}, item) items
      GROUP BY ${KEY}`;
  return `
    WITH keyed AS (
      SELECT f.*, ${key.day} AS day, ${key.initiativeId} AS key_initiative,
             ${key.category} AS key_category
        FROM ${facts} f
    ), referral_figures AS (
      SELECT day, key_initiative AS initiative_id, key_category AS category,
             count(*)::int AS submitted,
             count(first_assigned_at)::int AS assigned,
             count(*) FILTER (WHERE unassignable_count > 0)::int AS unassignable,
             count(accepted_at)::int AS accepted,
             count(*) FILTER (WHERE ${unfundedSince('keyed')} IS NOT NULL)::int AS unfunded,
             count(cancelled_at)::int AS cancelled,
             count(*) FILTER (WHERE outcome = 'successful')::int AS successful,
             count(*) FILTER (WHERE outcome = 'unsuccessful')::int AS unsuccessful,
             coalesce(sum(charged_cents), 0)::bigint AS charged_cents
        FROM keyed WHERE ${ofPartner}
       GROUP BY 1, 2, 3
    ), durations AS (
      SELECT day, key_initiative AS initiative_id, key_category AS category,
             CASE WHEN first_assigned_at IS NOT NULL
                  THEN ${bucketSql(seconds('submitted_at', 'first_assigned_at'))} END AS assign_bucket,
             CASE WHEN accepted_at IS NOT NULL AND last_assigned_at IS NOT NULL
                  THEN ${bucketSql(seconds('last_assigned_at', 'accepted_at'))} END AS accept_bucket,
             outcome, unsuccessful_reason
        FROM keyed WHERE ${ofPartner}
    ), offers AS (
      SELECT k.day, k.key_initiative AS initiative_id, k.key_category AS category, o.ending,
             o.reason
        FROM keyed k JOIN referral_offers o ON o.referral_id = k.referral_id
       WHERE ${partner} IS NULL OR o.partner_id = ${partner}
    ), offer_figures AS (
      SELECT ${KEY}, count(*)::int AS offers_made,
             count(*) FILTER (WHERE ending IS NULL)::int AS offers_open,
             count(*) FILTER (WHERE ending = 'accepted')::int AS offers_accepted,
             count(*) FILTER (WHERE ending = 'declined')::int AS offers_declined,
             count(*) FILTER (WHERE ending = 'expired')::int AS offers_expired,
             count(*) FILTER (WHERE ending = 'withdrawn')::int AS offers_withdrawn,
             count(*) FILTER (WHERE ending = 'cancelled')::int AS offers_cancelled
        FROM offers GROUP BY ${KEY}
    ), unsuccessful_reasons AS (
      ${counts('durations', `coalesce(unsuccessful_reason, 'unspecified')`, `outcome = 'unsuccessful'`)}
    ), assign_histograms AS (
      ${counts('durations', 'assign_bucket', 'assign_bucket IS NOT NULL')}
    ), accept_histograms AS (
      ${counts('durations', 'accept_bucket', 'accept_bucket IS NOT NULL')}
    ), declined_reasons AS (
      ${counts('offers', `coalesce(reason, 'unspecified')`, `ending = 'declined'`)}
    ), day_keys AS (
      SELECT ${KEY} FROM referral_figures UNION SELECT ${KEY} FROM offer_figures
    )
    SELECT ${KEY},
           ${['submitted', 'assigned', 'unassignable', 'accepted', 'unfunded', 'cancelled', 'successful', 'unsuccessful'].map((column) => `coalesce(r.${column}, 0) AS ${column}`).join(', ')},
           coalesce(u.counts, '{}') AS unsuccessful_by_reason,
           coalesce(r.charged_cents, 0) AS charged_cents,
           coalesce(ah.counts, '{}') AS assign_histogram,
           coalesce(ch.counts, '{}') AS accept_histogram,
           ${['made', 'open', 'accepted', 'declined', 'expired', 'withdrawn', 'cancelled'].map((ending) => `coalesce(o.offers_${ending}, 0) AS offers_${ending}`).join(', ')},
           coalesce(d.counts, '{}') AS declined_by_reason
      FROM day_keys
      LEFT JOIN referral_figures r USING (${KEY})
      LEFT JOIN offer_figures o USING (${KEY})
      LEFT JOIN unsuccessful_reasons u USING (${KEY})
      LEFT JOIN assign_histograms ah USING (${KEY})
      LEFT JOIN accept_histograms ch USING (${KEY})
      LEFT JOIN declined_reasons d USING (${KEY})`;
}
