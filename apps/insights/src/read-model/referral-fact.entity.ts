import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What insights knows of one referral, gathered from the events of every topic: one row per
 * referral, written by the projection (insights.projection.ts) in the transaction that records
 * each event. KPIs are SQL over these rows at query time. Every time is the envelope's `time`,
 * when the event happened. Each column is written so that the row comes out the same whatever
 * order the topics' events arrive in (e.g. funding.charged before referral.accepted).
 */
@Entity({ name: 'referral_facts' })
@Index('referral_facts_by_initiative', ['initiativeId', 'submittedAt'])
@Index('referral_facts_by_submission', ['submittedAt'])
export class ReferralFact {
  @PrimaryColumn({ type: 'uuid', name: 'referral_id' }) referralId: string;
  /** From referral.submitted; null until it is recorded. */
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId: string | null;
  @Column({ type: 'text', nullable: true }) category: string | null;
  @Column({ type: 'text', nullable: true }) urgency: string | null;
  @Column({ type: 'text', name: 'area_code', nullable: true }) areaCode: string | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  /** The initiative of the first (earliest) assignment: a referral belongs to it from then on. */
  @Column({ type: 'uuid', name: 'initiative_id', nullable: true }) initiativeId: string | null;
  /** The partner of the latest offer. */
  @Column({ type: 'uuid', name: 'partner_id', nullable: true }) partnerId: string | null;
  @Column({ type: 'timestamptz', name: 'first_assigned_at', nullable: true })
  firstAssignedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'last_assigned_at', nullable: true })
  lastAssignedAt: Date | null;
  /** referral.unassignable events: the engine found no eligible partner. */
  @Column({ type: 'int', name: 'unassignable_count', default: 0 }) unassignableCount: number;
  @Column({ type: 'timestamptz', name: 'last_unassignable_at', nullable: true })
  lastUnassignableAt: Date | null;
  /** The latest decline, expiry or withdrawal: since then the referral waits for a new offer. */
  @Column({ type: 'timestamptz', name: 'last_rerouted_at', nullable: true })
  lastReroutedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  /** referral.in-progress: the partner made contact. */
  @Column({ type: 'timestamptz', name: 'contacted_at', nullable: true }) contactedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'text', name: 'unsuccessful_reason', nullable: true })
  unsuccessfulReason: string | null;
  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  /** The sum of funding.charged amounts for this referral. */
  @Column({ type: 'bigint', name: 'charged_cents', default: 0 }) chargedCents: string;
}
