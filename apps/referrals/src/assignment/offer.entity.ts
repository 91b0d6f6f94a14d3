import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DeclineReason } from '@concord/contracts';

export const OFFER_STATUSES = [
  'offered',
  'accepted',
  'in-progress',
  'completed',
  'cancelled',
  'declined',
  'expired',
  'withdrawn',
] as const;
/** The referral as the partner it was offered to sees it: its own offer's fate. */
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** One offer of a referral to one partner: the partner's queue is made of these. */
@Entity({ name: 'offers' })
@Index('offers_by_referral_attempt', ['referralId', 'attempt'], { unique: true })
@Index('offers_queue', ['partnerId', 'offeredAt', 'id'])
export class Offer {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Column({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  @Column({ type: 'text' }) status: OfferStatus;
  @Column({ type: 'timestamptz', name: 'offered_at' }) offeredAt: Date;
  @Column({ type: 'timestamptz', name: 'accept_by' }) acceptBy: Date;
  @Column({ type: 'text', name: 'decline_reason', nullable: true })
  declineReason: DeclineReason | null;
  /** The partner's note with its decline, sealed with the referral's data key. */
  @Column({ type: 'bytea', name: 'decline_note', nullable: true }) declineNote: Buffer | null;
  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true }) answeredAt: Date | null;
}
