import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InsightsConfig } from '../insights.config';
import { unfundedSince } from '../read-model/unfunded-case';
import { StuckReferralsQuery } from './stuck.dto';
import { StuckReferralsView, StuckReferralView } from './stuck-referral.view';
import { OpenState, STUCK_RULES, stuckLimitsOf, UNFUNDED_RULE } from './stuck-rules';

const DEFAULT_LIMIT = 100;

interface StuckRow {
  referral_id: string;
  agency_id: string | null;
  category: string | null;
  urgency: string | null;
  initiative_id: string | null;
  partner_id: string | null;
  state: OpenState;
  since: Date;
  stuck_since: Date;
  accept_by: Date | null;
  unfunded: boolean;
  total: number;
}

/**
 * The current state of every referral that is neither completed nor cancelled, when it began and
 * when it became stuck. $1 is now; $2..$5 the limits in seconds;
 * $6..$10 the filters; $11 the limit; $12 whether only overdue ones.
 */
const STUCK_SQL = `
  WITH open_referrals AS (
    SELECT f.*, o.offered_at, o.accept_by AS offer_accept_by, o.partner_id AS offer_partner_id,
           GREATEST(f.submitted_at, f.last_rerouted_at) AS waiting_since,
           ${unfundedSince('f')} AS unfunded_since
      FROM referral_facts f
      LEFT JOIN LATERAL (
        SELECT offered_at, accept_by, partner_id FROM referral_offers
         WHERE referral_id = f.referral_id AND ending IS NULL
         ORDER BY offered_at DESC LIMIT 1
      ) o ON true
     WHERE f.submitted_at IS NOT NULL AND f.completed_at IS NULL AND f.cancelled_at IS NULL
       AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
       AND ($7::uuid IS NULL OR f.initiative_id = $7::uuid)
       AND ($8::uuid IS NULL OR f.partner_id = $8::uuid)
       AND ($9::text IS NULL OR f.category = $9::text)
  ),
  states AS (
    SELECT *,
           CASE
             WHEN contacted_at IS NOT NULL THEN 'in-progress'
             WHEN accepted_at IS NOT NULL THEN 'accepted'
             WHEN offered_at IS NOT NULL THEN 'offered'
             WHEN last_unassignable_at >= waiting_since THEN 'unassignable'
             ELSE 'awaiting-assignment'
           END AS state
      FROM open_referrals
  ),
  timed AS (
    SELECT *,
           CASE state
             WHEN 'in-progress' THEN contacted_at
             WHEN 'accepted' THEN accepted_at
             WHEN 'offered' THEN offered_at
             ELSE waiting_since
           END AS since,
           CASE
             -- An unfunded case needs an administrator now, whatever its state.
             WHEN unfunded_since IS NOT NULL THEN unfunded_since
             WHEN state = 'in-progress' THEN contacted_at + $5::int * interval '1 second'
             WHEN state = 'accepted' THEN accepted_at + $4::int * interval '1 second'
             WHEN state = 'offered' THEN offer_accept_by + $2::int * interval '1 second'
             ELSE waiting_since + $3::int * interval '1 second'
           END AS stuck_since
      FROM states
     WHERE $10::text IS NULL OR state = $10::text
  )
  SELECT referral_id, agency_id, category, urgency, initiative_id,
         coalesce(offer_partner_id, partner_id) AS partner_id, state, since, stuck_since,
         offer_accept_by AS accept_by, unfunded_since IS NOT NULL AS unfunded,
         count(*) OVER ()::int AS total
    FROM timed
   WHERE NOT $12::boolean OR stuck_since < $1::timestamptz
   ORDER BY stuck_since, referral_id
   LIMIT $11`;

const secondsBetween = (from: Date, to: Date): number =>
  Math.floor((to.getTime() - from.getTime()) / 1000);

/** Referrals whose current state has lasted longer than the configured rules allow. */
@Injectable()
export class StuckReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: InsightsConfig,
  ) {}

  async list(query: StuckReferralsQuery, now = new Date()): Promise<StuckReferralsView> {
    const limits = stuckLimitsOf(this.config);
    const rows = (await this.dataSource.query(STUCK_SQL, [
      now.toISOString(),
      limits.offerGraceSeconds,
      limits.unassignedSeconds,
      limits.noContactSeconds,
      limits.noOutcomeSeconds,
      query.agencyId ?? null,
      query.initiativeId ?? null,
      query.partnerId ?? null,
      query.category ?? null,
      query.state ?? null,
      query.limit ?? DEFAULT_LIMIT,
      query.overdueOnly ?? true,
    ])) as StuckRow[];
    return {
      asOf: now.toISOString(),
      rules: {
        offerGraceMinutes: this.config.INSIGHTS_STUCK_OFFER_GRACE_MINUTES,
        unassignedMinutes: this.config.INSIGHTS_STUCK_UNASSIGNED_MINUTES,
        noContactHours: this.config.INSIGHTS_STUCK_NO_CONTACT_HOURS,
        noOutcomeDays: this.config.INSIGHTS_STUCK_NO_OUTCOME_DAYS,
      },
      total: rows[0]?.total ?? 0,
      referrals: rows.map((row) => toView(row, now)),
    };
  }
}

const toView = (row: StuckRow, now: Date): StuckReferralView => ({
  referralId: row.referral_id,
  agencyId: row.agency_id,
  category: row.category,
  urgency: row.urgency,
  initiativeId: row.initiative_id,
  partnerId: row.partner_id,
  state: row.state,
  rule: row.unfunded ? UNFUNDED_RULE : STUCK_RULES[row.state],
  unfunded: row.unfunded,
  since: row.since.toISOString(),
  stuckSince: row.stuck_since.toISOString(),
  inStateSeconds: secondsBetween(row.since, now),
  overdueSeconds: secondsBetween(row.stuck_since, now),
  acceptBy: row.accept_by?.toISOString() ?? null,
});
