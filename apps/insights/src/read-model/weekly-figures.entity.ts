import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One initiative's figures for one week, kept by the projection (rollups.ts): each event adds to
 * the row of the week of its own `time` (week.ts) in the transaction that records it, so the
 * rebuild makes the same rows. Every column is a count or a sum, so rows of several initiatives
 * add up. GET /kpis/weekly reads these rows and nothing else.
 */
@Entity({ name: 'weekly_figures' })
export class WeeklyFigures {
  /** The Monday (UTC) of the week. */
  @PrimaryColumn({ type: 'date', name: 'week_start' }) weekStart: string;
  /** The referral's initiative (of its first offer), or UNKNOWN_ID (rollups.ts) while unknown. */
  @PrimaryColumn({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  /** First offers: the first referral.assigned of each referral. */
  @Column({ type: 'int', default: 0 }) assigned: number;
  /** Σ (first offer − submission), seconds, over `assigned`. */
  @Column({ type: 'numeric', name: 'assign_seconds_sum', default: 0 }) assignSecondsSum: string;
  /** Referrals accepted: the first referral.accepted of each referral. */
  @Column({ type: 'int', default: 0 }) accepted: number;
  /** Σ (acceptance − latest offer), seconds, over `accepted`. */
  @Column({ type: 'numeric', name: 'accept_seconds_sum', default: 0 }) acceptSecondsSum: string;
  /** Offers that ended accepted, declined or expired this week. */
  @Column({ type: 'int', name: 'offers_accepted', default: 0 }) offersAccepted: number;
  @Column({ type: 'int', name: 'offers_declined', default: 0 }) offersDeclined: number;
  @Column({ type: 'int', name: 'offers_expired', default: 0 }) offersExpired: number;
  /** Referrals completed (their first referral.completed), by outcome. */
  @Column({ type: 'int', default: 0 }) successful: number;
  @Column({ type: 'int', default: 0 }) unsuccessful: number;
  /** Σ funding.charged amounts. */
  @Column({ type: 'bigint', name: 'charged_cents', default: 0 }) chargedCents: string;
}
