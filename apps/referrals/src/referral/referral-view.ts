import { ShareableReferralField } from '@concord/contracts';
import { Offer, OfferStatus } from '../assignment/offer.entity';
import { Consent, Person, Referral } from './referral.entity';
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
  sharedFields: ShareableReferralField[];
  incidentReference?: string;
  person?: Partial<Person>;
  contactPreference?: string;
  location?: { latitude?: number; longitude?: number; address?: string | null };
  consent?: Consent;
  narrative?: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const outcomeOf = (referral: Referral): OutcomeView | null =>
  referral.outcome
    ? {
        outcome: referral.outcome,
        unsuccessfulReason: referral.unsuccessfulReason,
        note: referral.outcomeNote,
      }
    : null;

export function dispatchView(referral: Referral): ReferralView {
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

const PERSON_FIELDS = {
  'person.name': 'name',
  'person.age': 'age',
  'person.phone': 'phone',
  'person.language': 'language',
} as const satisfies Partial<Record<ShareableReferralField, keyof Person>>;

/** Applies an agreement's data-sharing terms to a referral offered to a partner. */
export function partnerView(
  referral: Referral,
  offer: Offer,
  sharedFields: readonly ShareableReferralField[],
): PartnerReferralView {
  const shared = new Set(sharedFields);
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
  };
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
