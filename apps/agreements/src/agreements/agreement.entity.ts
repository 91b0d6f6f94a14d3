import { Column, Entity, PrimaryColumn } from 'typeorm';
import {
  AgreementStatus,
  Part2TermsV1,
  ReferralCategory,
  ResponseDeadlinesV1,
  ShareableReferralField,
} from '@concord/contracts';

/** What an agreement says: kept on the agreement (current) and on each of its versions. */
export interface AgreementTerms {
  categories: ReferralCategory[];
  sharedFields: ShareableReferralField[];
  /** Of sharedFields, those shared of a referral whose person did not consent. */
  sharedFieldsWithoutConsent: ShareableReferralField[];
  /** 42 CFR Part 2 terms: the partner may receive substance-use referrals' details. */
  part2: Part2TermsV1 | null;
  acceptWithinMinutes: ResponseDeadlinesV1;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

/**
 * An agreement (MOU) between an initiative's lead agency and one of its partners, with its
 * current terms. Every version of the terms is kept in agreement_versions.
 */
@Entity({ name: 'agreements' })
export class Agreement implements AgreementTerms {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'text' }) status: AgreementStatus;
  /** Why it was last suspended or terminated. */
  @Column({ type: 'text', name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column({ type: 'timestamptz', name: 'status_changed_at' }) statusChangedAt: Date;
  /** The current version of the terms; the ones below are that version's. */
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text', array: true }) categories: ReferralCategory[];
  @Column({ type: 'text', array: true, name: 'shared_fields' })
  sharedFields: ShareableReferralField[];
  @Column({ type: 'text', array: true, name: 'shared_fields_without_consent' })
  sharedFieldsWithoutConsent: ShareableReferralField[];
  @Column({ type: 'jsonb', nullable: true }) part2: Part2TermsV1 | null;
  @Column({ type: 'jsonb', name: 'accept_within_minutes' })
  acceptWithinMinutes: ResponseDeadlinesV1;
  @Column({ type: 'timestamptz', name: 'effective_from' }) effectiveFrom: Date;
  @Column({ type: 'timestamptz', name: 'effective_to', nullable: true }) effectiveTo: Date | null;
  /** The version for which agreement.expiring was published, so it goes out once per version. */
  @Column({ type: 'int', name: 'expiring_announced_version', nullable: true })
  expiringAnnouncedVersion: number | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
