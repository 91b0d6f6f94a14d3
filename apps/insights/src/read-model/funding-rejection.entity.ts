import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A funding.reservation-rejected: funding could not reserve the cost of one offer. Funding
 * publishes it while handling that offer's referral.assigned, so its causation id is the offer's
 * id (referral_offers.offer_id). Usually the referrals service then takes the offer back; when the
 * partner accepted first, the offer ends `accepted` and the case goes on unfunded.
 */
@Entity({ name: 'funding_rejections' })
@Index('funding_rejections_by_offer', ['offerId'])
export class FundingRejection {
  /** The id of the funding.reservation-rejected event. */
  @PrimaryColumn({ type: 'text', name: 'rejection_id' }) rejectionId: string;
  /** The referral.assigned it answers (its causation id); null if it came without one. */
  @Column({ type: 'text', name: 'offer_id', nullable: true }) offerId: string | null;
  @Column({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'timestamptz', name: 'rejected_at' }) rejectedAt: Date;
}
