import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Outcome, ReferralCategory, UnsuccessfulReason, Urgency } from '@concord/contracts';
import { ReferralStatus } from './referral-lifecycle';

export interface Person {
  name: string;
  age?: number;
  phone?: string;
  language?: string;
}

export interface Consent {
  obtained: boolean;
  method?: string;
  obtainedBy?: string;
  /**
   * Sharing without consent, with the reason and who decided it (`authorizedBy`, as dispatch
   * names them); `recordedBy` is the token subject that submitted it, never taken from the body.
   */
  override?: { reason: string; authorizedBy: string; recordedBy?: string };
}

/**
 * A call dispatch handed to Concord, with the person's details (which never leave this service
 * except through its API, under the reader's data-sharing terms) and where it is in its lifecycle.
 */
@Entity({ name: 'referrals' })
@Index('referrals_by_agency', ['agencyId', 'submittedAt', 'id'])
@Index('referrals_by_status', ['status', 'submittedAt', 'id'])
@Index('referrals_open_by_service', ['serviceId', 'status'])
export class Referral {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'text', name: 'submitted_by' }) submittedBy: string;
  @Column({ type: 'text', name: 'incident_reference' }) incidentReference: string;
  @Column({ type: 'text' }) category: ReferralCategory;
  @Column({ type: 'text' }) urgency: Urgency;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ type: 'text', name: 'area_code' }) areaCode: string;
  @Column({ type: 'jsonb' }) person: Person;
  @Column({ type: 'text', name: 'contact_preference' }) contactPreference: string;
  @Column({ type: 'jsonb' }) consent: Consent;
  @Column({ type: 'text' }) narrative: string;

  @Column({ type: 'text' }) status: ReferralStatus;
  /** How many offers have been made so far. */
  @Column({ type: 'int', default: 0 }) attempt: number;
  /** The partner that holds the offer or the case now, if any. */
  @Column({ type: 'uuid', name: 'partner_id', nullable: true }) partnerId: string | null;
  @Column({ type: 'uuid', name: 'service_id', nullable: true }) serviceId: string | null;
  @Column({ type: 'uuid', name: 'agreement_id', nullable: true }) agreementId: string | null;
  @Column({ type: 'timestamptz', name: 'accept_by', nullable: true }) acceptBy: Date | null;

  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ type: 'text', name: 'unsuccessful_reason', nullable: true })
  unsuccessfulReason: UnsuccessfulReason | null;
  @Column({ type: 'text', name: 'outcome_note', nullable: true }) outcomeNote: string | null;
  @Column({ type: 'text', name: 'cancel_reason', nullable: true }) cancelReason: string | null;

  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt: Date;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'contacted_at', nullable: true }) contactedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
