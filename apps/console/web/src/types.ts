/** The shapes of the services' answers that the screens read (see each service's OpenAPI). */

export interface Person {
  name?: string;
  age?: number;
  phone?: string;
  language?: string;
}

export interface Consent {
  obtained: boolean;
  method?: string;
  obtainedBy?: string;
  override?: { reason?: string; authorizedBy?: string };
}

export interface Outcome {
  outcome: string;
  unsuccessfulReason: string | null;
  note: string | null;
}

/** A referral as a partner sees it: its own offer, and only the fields its agreement shares. */
export interface PartnerReferral {
  id: string;
  category: string;
  urgency: string;
  status: string;
  areaCode: string;
  submittedAt: string;
  offer: { attempt: number; offeredAt: string; acceptBy: string; status: string };
  outcome?: Outcome | null;
  sharedFields: string[];
  sharingBasis: string;
  redisclosureNotice?: string;
  incidentReference?: string;
  person?: Person;
  contactPreference?: string;
  location?: { latitude?: number; longitude?: number; address?: string | null };
  consent?: Consent;
  narrative?: string;
}

/** A referral as dispatch and administrators see it: all of it. */
export interface DispatchReferral {
  id: string;
  agencyId: string;
  incidentReference: string;
  category: string;
  urgency: string;
  status: string;
  areaCode: string;
  location: { latitude: number; longitude: number; address: string | null };
  person: Person;
  contactPreference: string;
  consent: Consent;
  narrative: string;
  assignment: { partnerId: string; attempt: number; acceptBy: string | null } | null;
  outcome: Outcome | null;
  cancelReason: string | null;
  submittedAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface StatusCounts {
  byStatus: Record<string, number>;
  total: number;
}

/** One event of a referral's timeline (insights), as it was published: never personal data. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  source: string;
  time: string;
  data: Record<string, unknown>;
}

export interface DispatchDecision {
  decidedAt: string;
  result: string;
  partnerId: string | null;
  partnerName: string | null;
  eligiblePartners: number;
  ruledOutPartners: number;
  ruledOutByReason: Record<string, number>;
}
