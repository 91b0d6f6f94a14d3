import type {
  AgreementStatus,
  ReferralCategory,
  ServiceArea,
  Urgency,
  Weekday,
} from '@concord/contracts';

/**
 * What the assignment engine knows of partners: its own types, mapped from the event payloads
 * (PartnerServiceV1, AgreementSnapshotV1) at the edge (assignment/partner-candidates.ts), so that
 * a new version of an event changes the mapping, not the engine.
 */

/** A weekly period in the service's time zone; `closes` before `opens` runs past midnight. */
export interface OpeningPeriod {
  readonly day: Weekday;
  /** HH:MM */
  readonly opens: string;
  /** HH:MM, or 24:00 */
  readonly closes: string;
}

export interface OpeningHours {
  readonly alwaysOpen: boolean;
  /** An IANA time zone, e.g. America/Chicago. */
  readonly timeZone: string;
  readonly weekly: readonly OpeningPeriod[];
}

/** One service of a partner: what it takes, where, how many at once, when, and whom. */
export interface PartnerService {
  readonly serviceId: string;
  readonly category: ReferralCategory;
  readonly area: ServiceArea;
  readonly capacity: number;
  readonly hours: OpeningHours;
  /** Inclusive age limits; either may be absent. */
  readonly eligibility: { readonly minAge?: number; readonly maxAge?: number };
}

/** An agreement between the referring agency and the partner, with the terms routing needs. */
export interface PartnerAgreement {
  readonly agreementId: string;
  readonly agencyId: string;
  readonly initiativeId: string;
  readonly status: AgreementStatus;
  readonly categories: readonly ReferralCategory[];
  /** ISO 8601 instants; no end means open-ended. */
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly acceptWithinMinutes: Readonly<Record<Urgency, number>>;
}
