import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OfferEnding = 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'cancelled';

/**
 * One offer of a referral to a partner (a referral.assigned event) and how it ended. A referral's
 * offers follow each other: at most one is open (ending null) at a time.
 */
@Entity({ name: 'referral_offers' })
@Index('referral_offers_by_referral', ['referralId', 'partnerId'])
export class ReferralOffer {
  /** The id of the referral.assigned event. */
  @PrimaryColumn({ type: 'text', name: 'offer_id' }) offerId: string;
  @Column({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'timestamptz', name: 'offered_at' }) offeredAt: Date;
  @Column({ type: 'timestamptz', name: 'accept_by' }) acceptBy: Date;
  @Column({ type: 'text', nullable: true }) ending: OfferEnding | null;
  /** The decline reason or the withdrawal reason. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
}
