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
 * The personal part of a referral, sealed with its data key (`details`). The point is as precise
 * as the address; what stays in clear is its area code (about 5 km by 5 km).
 */
export interface ReferralDetails {
  latitude: number;
  longitude: number;
  person: Person;
  address: string | null;
  consent: Consent;
  narrative: string;
}

/** What people write about the case as it goes, sealed with its data key (`notes`). */
export interface CaseNotes {
  outcomeNote: string | null;
  cancelReason: string | null;
}

/**
 * A call dispatch handed to Concord and where it is in its lifecycle. The person's details and the
 * notes are stored sealed (envelope encryption: docs/security.md, "Personal data at rest") and
 * never leave this service except through its API, under the reader's data-sharing terms; a
 * `Referral` as loaded holds them sealed, an `OpenReferral` (ReferralSeal.open) in clear.
 */
@Entity({ name: 'referrals' })
@Index('referrals_by_agency', ['agencyId', 'submittedAt', 'id'])
@Index('referrals_by_status', ['status', 'submittedAt', 'id'])
@Index('referrals_open_by_service', ['serviceId', 'status'])
@Index('referrals_by_key_id', ['keyId'])
export class Referral {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'text', name: 'submitted_by' }) submittedBy: string;
  @Column({ type: 'text', name: 'incident_reference' }) incidentReference: string;
  @Column({ type: 'text' }) category: ReferralCategory;
  @Column({ type: 'text' }) urgency: Urgency;
  @Column({ type: 'text', name: 'area_code' }) areaCode: string;
  @Column({ type: 'text', name: 'contact_preference' }) contactPreference: string;

  /** The id of the master key that wraps `dataKey`. */
  @Column({ type: 'text', name: 'key_id' }) keyId: string;
  /** This referral's own data key, wrapped (encrypted) under that master key. */
  @Column({ type: 'bytea', name: 'data_key' }) dataKey: Buffer;
  /** ReferralDetails, sealed. */
  @Column({ type: 'bytea' }) details: Buffer;
  /** CaseNotes, sealed; null until someone writes one. */
  @Column({ type: 'bytea', nullable: true }) notes: Buffer | null;

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

  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt: Date;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'contacted_at', nullable: true }) contactedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A referral with its details and notes opened. */
export type OpenReferral = Referral & ReferralDetails & CaseNotes;
