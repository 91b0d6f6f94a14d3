import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DurationHistogram } from '../kpis/duration-histogram';

/**
 * The KPI figures of the referrals submitted on one day (UTC), of one initiative and category:
 * a cache of what GET /kpis would compute from referral_facts and referral_offers for them, kept
 * by DayFiguresRefresher. Whenever a fact, an offer or a funding rejection of a referral changes,
 * a trigger notes its key in day_figures_stale; until the refresher recomputes the row, queries
 * compute that key from the facts instead, so a report never reads a row that is behind.
 */
@Entity({ name: 'referral_day_figures' })
export class DayFigures {
  @PrimaryColumn({ type: 'date' }) day: string;
  /** The initiative of the referrals' first offer, or UNKNOWN_ID (rollups.ts) for none yet. */
  @PrimaryColumn({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @PrimaryColumn({ type: 'text' }) category: string;
  @Column({ type: 'int' }) submitted: number;
  @Column({ type: 'int' }) assigned: number;
  @Column({ type: 'int' }) unassignable: number;
  @Column({ type: 'int' }) accepted: number;
  @Column({ type: 'int' }) unfunded: number;
  @Column({ type: 'int' }) cancelled: number;
  @Column({ type: 'int' }) successful: number;
  @Column({ type: 'int' }) unsuccessful: number;
  @Column({ type: 'jsonb', name: 'unsuccessful_by_reason' })
  unsuccessfulByReason: Record<string, number>;
  @Column({ type: 'bigint', name: 'charged_cents' }) chargedCents: string;
  /** First offer − submission, counted in duration-histogram.ts's buckets. */
  @Column({ type: 'jsonb', name: 'assign_histogram' }) assignHistogram: DurationHistogram;
  /** Acceptance − latest offer, in the same buckets. */
  @Column({ type: 'jsonb', name: 'accept_histogram' }) acceptHistogram: DurationHistogram;
  @Column({ type: 'int', name: 'offers_made' }) offersMade: number;
  @Column({ type: 'int', name: 'offers_open' }) offersOpen: number;
  @Column({ type: 'int', name: 'offers_accepted' }) offersAccepted: number;
  @Column({ type: 'int', name: 'offers_declined' }) offersDeclined: number;
  @Column({ type: 'int', name: 'offers_expired' }) offersExpired: number;
  @Column({ type: 'int', name: 'offers_withdrawn' }) offersWithdrawn: number;
  @Column({ type: 'int', name: 'offers_cancelled' }) offersCancelled: number;
  @Column({ type: 'jsonb', name: 'declined_by_reason' }) declinedByReason: Record<string, number>;
}

/**
 * A day key whose referral_day_figures row may be behind its facts, written by the triggers of
 * migration DayFigures1765100000100 in the transaction that changed them. Rows are only inserted
 * (no lock, no conflict) and deleted by the refresher that recomputes the key.
 */
@Entity({ name: 'day_figures_stale' })
@Index('day_figures_stale_by_key', ['day', 'initiativeId', 'category'])
export class DayFiguresStale {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'date' }) day: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'text' }) category: string;
}
