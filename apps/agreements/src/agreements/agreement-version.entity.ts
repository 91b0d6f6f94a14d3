import { Column, Entity, PrimaryColumn } from 'typeorm';
import {
  Part2TermsV1,
  ReferralCategory,
  ResponseDeadlinesV1,
  ShareableReferralField,
} from '@concord/contracts';
import { AgreementTerms } from './agreement.entity';

/** One version of an agreement's terms: version 1 at creation, one more per amendment. */
@Entity({ name: 'agreement_versions' })
export class AgreementVersion implements AgreementTerms {
  @PrimaryColumn({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
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
  /** Why the terms changed; null for the first version. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** The token subject of the administrator who made this version. */
  @Column({ type: 'text', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
