/** The shapes of the answers the administrator's and auditor's screens read (each service's OpenAPI). */

export type Position = [longitude: number, latitude: number];
export type ServiceArea =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface OpeningPeriod {
  day: string;
  opens: string;
  closes: string;
}

export interface OrganisationService {
  id: string;
  name: string;
  category: string;
  area: ServiceArea;
  capacity: number;
  hours: { alwaysOpen: boolean; timeZone: string; weekly: OpeningPeriod[] };
  eligibility: { minAge?: number; maxAge?: number };
}

export interface Organisation {
  id: string;
  name: string;
  type: string;
  revision: number;
  services: OrganisationService[];
  createdAt: string;
  updatedAt: string;
}

export interface KpiTarget {
  /** What Concord measures the target against (KPI_TARGET_KINDS); none: shown, not measured. */
  kind?: string;
  metric: string;
  target: number;
  unit?: string;
}

export interface Initiative {
  id: string;
  name: string;
  leadAgencyId: string;
  partnerIds: string[];
  categories: string[];
  periodFrom: string;
  periodTo: string;
  kpiTargets: KpiTarget[];
  createdAt: string;
}

export interface AgreementTerms {
  categories: string[];
  sharedFields: string[];
  sharedFieldsWithoutConsent: string[];
  part2: { redisclosureNotice: string } | null;
  acceptWithinMinutes: Record<'immediate' | 'same-day' | 'routine', number>;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface Agreement extends AgreementTerms {
  id: string;
  initiativeId: string;
  agencyId: string;
  partnerId: string;
  status: string;
  statusReason: string | null;
  statusChangedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface StatusChange {
  status: string;
  previousStatus: string | null;
  reason: string | null;
  changedAt: string;
  changedBy: string;
}

export interface AgreementDetail extends Agreement {
  signatures: {
    party: string;
    name: string;
    title: string;
    signedAt: string;
    recordedBy: string;
  }[];
  versions: (AgreementTerms & {
    version: number;
    reason: string | null;
    createdBy: string;
    createdAt: string;
  })[];
  statusHistory?: StatusChange[];
}

export interface FundingSource {
  id: string;
  name: string;
  funder: string;
  kind: string;
  awardCents: number;
  allocatedCents: number;
  unallocatedCents: number;
  periodFrom: string;
  periodTo: string;
  restrictions: string | null;
  createdAt: string;
}

export interface Budget {
  id: string;
  initiativeId: string;
  partnerId: string;
  category: string | null;
  costPerCaseCents: number;
  allocations: { sourceId: string; amountCents: number }[];
  balance: {
    awardedCents: number;
    reservedCents: number;
    chargedCents: number;
    availableCents: number;
    casesCovered: number;
  };
  thresholdReached: boolean;
  exhausted: boolean;
  createdAt: string;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amountCents: number;
  sourceId: string | null;
  referralId: string | null;
  settlesEntryId: string | null;
  releaseReason: string | null;
  causeEventId: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface Subscription {
  id: string;
  audience: string;
  organizationId: string;
  eventTypes: string[];
  channel: string;
  webhook?: { url: string };
  email?: { address: string };
  createdAt: string;
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface KpiReport {
  referrals: {
    submitted: number;
    assigned: number;
    unassignable: number;
    accepted: number;
    unfunded: number;
    cancelled: number;
    completed: { total: number; successful: number; unsuccessful: number };
  };
  offers: {
    made: number;
    open: number;
    accepted: number;
    declined: number;
    expired: number;
    withdrawn: number;
    rerouted: number;
    cancelled: number;
    declinedByReason: Record<string, number>;
  };
  timeToAssignSeconds: Percentiles;
  timeToAcceptSeconds: Percentiles;
  acceptanceRate: number | null;
  outcomeRecordedShare: number | null;
  chargedCents: number;
  costPerCompletedCaseCents: number | null;
}

export interface WeeklyFigures {
  weekStart: string;
  assigned: number;
  timeToAssignAverageSeconds: number | null;
  accepted: number;
  timeToAcceptAverageSeconds: number | null;
  offers: { accepted: number; declined: number; expired: number };
  acceptanceRate: number | null;
  completed: { successful: number; unsuccessful: number };
  chargedCents: number;
  costPerCompletedCaseCents: number | null;
}

export interface AreaFigures {
  areaCode: string;
  submitted: number;
  unassignable: number;
  accepted: number;
  completed: number;
  cancelled: number;
  carriers: {
    partnerId: string;
    agreementId: string;
    initiativeId: string;
    offered: number;
    accepted: number;
    completed: number;
  }[];
}

export interface StuckReferral {
  referralId: string;
  agencyId: string | null;
  category: string | null;
  urgency: string | null;
  initiativeId: string | null;
  partnerId: string | null;
  state: string;
  rule: string;
  unfunded: boolean;
  since: string;
  stuckSince: string;
  inStateSeconds: number;
  overdueSeconds: number;
  acceptBy: string | null;
}

export interface TraceEntry {
  partnerId: string;
  name: string;
  eligible: boolean;
  reasons: string[];
  rank?: number;
  agreementId?: string;
  openCases?: number;
  capacity?: number;
}

export interface FullDecision {
  id: string;
  decidedAt: string;
  result: string;
  partnerId: string | null;
  trace: TraceEntry[];
}

export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorSubject: string | null;
  actorOrganization: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  subjectRef: string | null;
  outcome: string;
  httpMethod: string | null;
  httpRoute: string | null;
  httpStatus: number | null;
  correlationId: string | null;
  reason: string | null;
}
