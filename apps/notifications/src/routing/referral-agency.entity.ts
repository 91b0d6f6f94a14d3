import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which police agency submitted each referral, from referral.submitted: the later events of a
 * referral do not name the agency, yet dispatch hears every one of them.
 */
@Entity({ name: 'referral_agencies' })
export class ReferralAgency {
  @PrimaryColumn({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt: Date;
}
