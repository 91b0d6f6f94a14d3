import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who a referral belongs to, from its events: the agency that submitted it (only
 * referral.submitted says) and every partner it was offered to. Decides which browsers hear
 * that it changed.
 */
@Entity('console_referral_parties')
export class ReferralParties {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ name: 'partner_ids', type: 'uuid', array: true }) partnerIds: string[];
}

/** One change of one referral, kept for a day so that a reconnecting browser can catch up. */
@Entity('console_referral_changes')
export class ReferralChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ name: 'partner_ids', type: 'uuid', array: true }) partnerIds: string[];
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
