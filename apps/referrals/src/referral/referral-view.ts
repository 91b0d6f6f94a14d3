import { AgreementSnapshotV1, ShareableReferralField } from '@concord/contracts';
import { Offer, OfferStatus } from '../assignment/offer.entity';
import { Consent, OpenReferral, Person } from './referral.entity';
import { ReferralStatus } from './referral-lifecycle';

/** A referral as dispatch (and programme administrators) see it: all of it. */
export interface ReferralView {
  id: string;
  agencyId: string;
  incidentReference: string;
  category: string;
  urgency: string;
  status: ReferralStatus;
  areaCode: string;
  location: { latitude: number; longitude: number; address: string | null };
  person: Person;
  contactPreference: string;
  consent: Consent;
  narrative: string;
  assignment: AssignmentView | null;
  outcome: OutcomeView | null;
  cancelReason: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  contactedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

interface AssignmentView {
  partnerId: string;
  serviceId: string | null;
  agreementId: string | null;
  attempt: number;
  acceptBy: string | null;
}

interface OutcomeView {
  outcome: string;
  unsuccessfulReason: string | null;
  note: string | null;
}

/**
 * A referral as a partner sees it: what is not personal, its own offer, and only the personal
 * fields its agreement's data-sharing terms name. Fields not shared are absent, not null.
 */
export interface PartnerReferralView {
  id: string;
  category: string;
  urgency: string;
  /** The partner's own offer's status, e.g. declined even when someone else now holds it. */
  status: OfferStatus;
  areaCode: string;
  submittedAt: string;
  offer: { attempt: number; offeredAt: string; acceptBy: string; status: OfferStatus };
  outcome?: OutcomeView | null;
  /** The personal fields shown, after consent and 42 CFR Part 2 are applied to the terms. */
  sharedFields: ShareableReferralField[];
  /** Why these fields: see sharingDecision. */
  sharingBasis: SharingBasis;
  /** 42 CFR §2.32: the notice that goes with a substance-use referral's disclosed details. */
  redisclosureNotice?: string;
  incidentReference?: string;
  person?: Partial<Person>;
  contactPreference?: string;
  location?: { latitude?: number; longitude?: number; address?: string | null };
  consent?: Consent;
  narrative?: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const outcomeOf = (referral: OpenReferral): OutcomeView | null =>
  referral.outcome
    ? {
        outcome: referral.outcome,
        unsuccessfulReason: referral.unsuccessfulReason,
        note: referral.outcomeNote,
      }
    : null;

export function dispatchView(referral: OpenReferral): ReferralView {
  return {
    id: referral.id,
    agencyId: referral.agencyId,
    incidentReference: referral.incidentReference,
    category: referral.category,
    urgency: referral.urgency,
    status: referral.status,
    areaCode: referral.areaCode,
    location: {
      latitude: referral.latitude,
      longitude: referral.longitude,
      address: referral.address,
    },
    person: referral.person,
    contactPreference: referral.contactPreference,
    consent: referral.consent,
    narrative: referral.narrative,
    assignment: referral.partnerId
      ? {
          partnerId: referral.partnerId,
          serviceId: referral.serviceId,
          agreementId: referral.agreementId,
          attempt: referral.attempt,
          acceptBy: iso(referral.acceptBy),
        }
      : null,
    outcome: outcomeOf(referral),
    cancelReason: referral.cancelReason,
    submittedAt: referral.submittedAt.toISOString(),
    acceptedAt: iso(referral.acceptedAt),
    contactedAt: iso(referral.contactedAt),
    closedAt: iso(referral.closedAt),
    updatedAt: referral.updatedAt.toISOString(),
  };
}

/** The data-sharing terms of the agreement a referral was offered under. */
export type SharingTerms = Pick<
  AgreementSnapshotV1,
  'sharedFields' | 'sharedFieldsWithoutConsent' | 'part2'
>;

/**
 * - `consent`: the person consented; the agreement's sharedFields.
 * - `override`: no consent, shared under a recorded override; only sharedFieldsWithoutConsent.
 * - `part2-consent`: substance-use, Part 2 terms and consent; sharedFields with the notice.
 * - `part2-withheld`: substance-use without Part 2 terms or without consent: nothing personal.
 * - `no-consent`: neither consent nor an override with its reason and who authorised it on
 *   record (intake refuses that; older records may hold it): nothing personal.
 * - `no-terms`: the agreement is unknown here: nothing personal.
 */
export type SharingBasis =
  'consent' | 'override' | 'part2-consent' | 'part2-withheld' | 'no-consent' | 'no-terms';

const stated = (text: unknown): boolean => typeof text === 'string' && text.trim() !== '';

/** An override on record says why and who authorised it; anything less permits nothing. */
const overrideOnRecord = (consent: Consent): boolean =>
  stated(consent.override?.reason) && stated(consent.override?.authorizedBy);

export interface SharingDecision {
  basis: SharingBasis;
  fields: ShareableReferralField[];
  redisclosureNotice?: string;
}

/**
 * Which personal fields of a referral a partner may read under its agreement. Minimum necessary:
 * without consent only what the agreement allows without it; a substance-use referral's details
 * (42 CFR Part 2) only to a partner whose agreement records Part 2 terms, and only with the
 * person's consent on record: an override does not suffice (§2.31, §2.33; the medical-emergency
 * exception of §2.51 is for medical personnel and is not handled through Concord).
 */
export function sharingDecision(
  referral: Pick<OpenReferral, 'category' | 'consent'>,
  terms: SharingTerms | undefined,
): SharingDecision {
  if (!terms) return { basis: 'no-terms', fields: [] };
  const consented = referral.consent.obtained === true;
  if (referral.category === 'substance-use') {
    if (!terms.part2 || !consented) return { basis: 'part2-withheld', fields: [] };
    return {
      basis: 'part2-consent',
      fields: [...terms.sharedFields],
      redisclosureNotice: terms.part2.redisclosureNotice,
    };
  }
  if (consented) return { basis: 'consent', fields: [...terms.sharedFields] };
  if (!overrideOnRecord(referral.consent)) return { basis: 'no-consent', fields: [] };
  const allowed = new Set(terms.sharedFields);
  return {
    basis: 'override',
    fields: (terms.sharedFieldsWithoutConsent ?? []).filter((field) => allowed.has(field)),
  };
}

const PERSON_FIELDS = {
  'person.name': 'name',
  'person.age': 'age',
  'person.phone': 'phone',
  'person.language': 'language',
} as const satisfies Partial<Record<ShareableReferralField, keyof Person>>;

/** Applies an agreement's data-sharing terms to a referral offered to a partner. */
export function partnerView(
  referral: OpenReferral,
  offer: Offer,
  terms: SharingTerms | undefined,
): PartnerReferralView {
  const decision = sharingDecision(referral, terms);
  const shared = new Set(decision.fields);
  const view: PartnerReferralView = {
    id: referral.id,
    category: referral.category,
    urgency: referral.urgency,
    status: offer.status,
    areaCode: referral.areaCode,
    submittedAt: referral.submittedAt.toISOString(),
    offer: {
      attempt: offer.attempt,
      offeredAt: offer.offeredAt.toISOString(),
      acceptBy: offer.acceptBy.toISOString(),
      status: offer.status,
    },
    sharedFields: [...shared].sort(),
    sharingBasis: decision.basis,
  };
  if (decision.redisclosureNotice) view.redisclosureNotice = decision.redisclosureNotice;
  if (['completed'].includes(offer.status)) view.outcome = outcomeOf(referral);
  if (shared.has('incidentReference')) view.incidentReference = referral.incidentReference;
  const person: Partial<Person> = {};
  for (const [field, key] of Object.entries(PERSON_FIELDS)) {
    const value = referral.person[key];
    if (shared.has(field as ShareableReferralField) && value !== undefined) {
      Object.assign(person, { [key]: value });
    }
  }
  if (Object.keys(person).length > 0) view.person = person;
  if (shared.has('contactPreference')) view.contactPreference = referral.contactPreference;
  if (shared.has('location.point') || shared.has('location.address')) {
    view.location = {
      ...(shared.has('location.point')
        ? { latitude: referral.latitude, longitude: referral.longitude }
        : {}),
      ...(shared.has('location.address') ? { address: referral.address } : {}),
    };
  }
  if (shared.has('consent')) view.consent = referral.consent;
  if (shared.has('narrative')) view.narrative = referral.narrative;
  return view;
}
