import { RULED_OUT_REASONS } from '@concord/contracts';
import type { ReferralCategory, RuledOutReason, Urgency } from '@concord/contracts';
import { isOpenAt } from './opening-hours';
import type { PartnerAgreement, PartnerService } from './partner';
import { areaContains, GeoPoint } from './point-in-area';

/** What an earlier offer of this referral to the partner ended in; each rules the partner out. */
export type PriorOutcome = 'declined-before' | 'missed-deadline-before' | 'withdrawn-before';

export interface ReferralToAssign {
  agencyId: string;
  category: ReferralCategory;
  urgency: Urgency;
  point: GeoPoint;
  /** Unknown when the caller did not give it; then age limits do not rule services out. */
  personAge?: number;
  /** By partnerId. */
  ruledOutBefore: ReadonlyMap<string, PriorOutcome>;
}

export interface PartnerCandidate {
  partnerId: string;
  name: string;
  services: readonly PartnerService[];
  agreements: readonly PartnerAgreement[];
  /** Open cases by serviceId; a service that is not listed has none. */
  openCases: ReadonlyMap<string, number>;
  /**
   * Initiatives under which this partner's budget for the referral's category cannot cover
   * another case (from budget.* events); absent when none is known to be exhausted.
   */
  exhaustedBudgets?: ReadonlySet<string>;
}

/** An eligible partner, with the service and agreement the offer goes under. */
export interface RankedOffer {
  partnerId: string;
  serviceId: string;
  agreementId: string;
  /** The joint initiative the agreement belongs to (whose budget pays). */
  initiativeId: string;
  /** From the agreement, for the referral's urgency. */
  acceptWithinMinutes: number;
  openCases: number;
  capacity: number;
}

/** Why each partner was or was not ranked; the service and agreement fields are set when ranked. */
export interface TraceEntry {
  partnerId: string;
  name: string;
  eligible: boolean;
  reasons: RuledOutReason[];
  /** 1-based. */
  rank?: number;
  serviceId?: string;
  agreementId?: string;
  openCases?: number;
  capacity?: number;
}

export interface AssignmentDecision {
  /** Best first. */
  ranked: RankedOffer[];
  /** The ranked partners in rank order, then those ruled out by name. */
  trace: TraceEntry[];
}

interface ServiceLoad {
  service: PartnerService;
  openCases: number;
}

interface Verdict {
  partner: PartnerCandidate;
  reasons: RuledOutReason[];
  service?: ServiceLoad;
  agreement?: PartnerAgreement;
}

interface Eligible extends Verdict {
  service: ServiceLoad;
  agreement: PartnerAgreement;
}

/** A fixed locale so that the order of names does not depend on the host's settings. */
const byName = new Intl.Collator('en').compare;
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Decides which partners may take a referral and in which order they are offered it. Every reason
 * that rules a partner out is reported, not only the first, so that the trace explains the whole
 * decision to the agency and to the partner.
 */
export class AssignmentEngine {
  rankPartners(
    referral: ReferralToAssign,
    partners: PartnerCandidate[],
    now: Date,
  ): AssignmentDecision {
    const verdicts = partners.map((partner) => this.judge(referral, partner, now));
    const eligible = verdicts.filter(isEligible).sort(byLoadThenName);
    const ruledOut = verdicts
      .filter((verdict) => !isEligible(verdict))
      .sort((a, b) => byPartnerName(a.partner, b.partner));

    return {
      ranked: eligible.map(({ partner, service, agreement }) => ({
        partnerId: partner.partnerId,
        serviceId: service.service.serviceId,
        agreementId: agreement.agreementId,
        initiativeId: agreement.initiativeId,
        acceptWithinMinutes: agreement.acceptWithinMinutes[referral.urgency],
        openCases: service.openCases,
        capacity: service.service.capacity,
      })),
      trace: [
        ...eligible.map(({ partner, service, agreement }, index) => ({
          partnerId: partner.partnerId,
          name: partner.name,
          eligible: true,
          reasons: [],
          rank: index + 1,
          serviceId: service.service.serviceId,
          agreementId: agreement.agreementId,
          openCases: service.openCases,
          capacity: service.service.capacity,
        })),
        ...ruledOut.map(({ partner, reasons }) => ({
          partnerId: partner.partnerId,
          name: partner.name,
          eligible: false,
          reasons,
        })),
      ],
    };
  }

  private judge(referral: ReferralToAssign, partner: PartnerCandidate, now: Date): Verdict {
    const service = this.chooseService(referral, partner, now);
    const agreement = this.chooseAgreement(referral, partner, now);
    const prior = referral.ruledOutBefore.get(partner.partnerId);
    const reasons = new Set<RuledOutReason>([
      ...(service.reasons ?? []),
      ...(agreement.reason ? [agreement.reason] : []),
      ...(prior ? [prior] : []),
    ]);
    return {
      partner,
      reasons: RULED_OUT_REASONS.filter((reason) => reasons.has(reason)),
      service: service.chosen,
      agreement: agreement.chosen,
    };
  }

  /** The least loaded service that can take the referral, or every reason none can. */
  private chooseService(
    referral: ReferralToAssign,
    partner: PartnerCandidate,
    now: Date,
  ): { chosen?: ServiceLoad; reasons?: RuledOutReason[] } {
    const ofCategory = partner.services.filter(({ category }) => category === referral.category);
    if (ofCategory.length === 0) return { reasons: ['no-service-for-category'] };

    const assessed = ofCategory.map((service) => {
      const load = { service, openCases: partner.openCases.get(service.serviceId) ?? 0 };
      return { load, reasons: this.serviceReasons(referral, load, now) };
    });
    const qualifying = assessed
      .filter(({ reasons }) => reasons.length === 0)
      .map(({ load }) => load)
      .sort((a, b) => byLoad(a, b) || byCode(a.service.serviceId, b.service.serviceId));
    if (qualifying.length > 0) return { chosen: qualifying[0] };
    return { reasons: assessed.flatMap(({ reasons }) => reasons) };
  }

  private serviceReasons(
    referral: ReferralToAssign,
    { service, openCases }: ServiceLoad,
    now: Date,
  ): RuledOutReason[] {
    const reasons: RuledOutReason[] = [];
    if (!areaContains(service.area, referral.point)) reasons.push('outside-service-area');
    if (!ageAllowed(service, referral.personAge)) reasons.push('person-not-eligible');
    if (referral.urgency === 'immediate' && !isOpenAt(service.hours, now)) {
      reasons.push('closed-now');
    }
    if (openCases >= service.capacity) reasons.push('at-capacity');
    return reasons;
  }

  /** The agreement with the referring agency that covers the referral now, the newest if several. */
  private chooseAgreement(
    referral: ReferralToAssign,
    { agreements, exhaustedBudgets }: PartnerCandidate,
    now: Date,
  ): { chosen?: PartnerAgreement; reason?: RuledOutReason } {
    const withAgency = agreements.filter(({ agencyId }) => agencyId === referral.agencyId);
    if (withAgency.length === 0) return { reason: 'no-agreement' };
    const inForce = withAgency.filter((agreement) => inForceAt(agreement, now));
    if (inForce.length === 0) return { reason: 'agreement-not-in-force' };
    const covering = inForce
      .filter(({ categories }) => categories.includes(referral.category))
      .sort(
        (a, b) =>
          Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom) ||
          byCode(a.agreementId, b.agreementId),
      );
    if (covering.length === 0) return { reason: 'agreement-does-not-cover-category' };
    const funded = covering.filter(({ initiativeId }) => !exhaustedBudgets?.has(initiativeId));
    if (funded.length === 0) return { reason: 'budget-exhausted' };
    return { chosen: funded[0] };
  }
}

function isEligible(verdict: Verdict): verdict is Eligible {
  return (
    verdict.reasons.length === 0 && verdict.service !== undefined && verdict.agreement !== undefined
  );
}

function ageAllowed({ eligibility }: PartnerService, age: number | undefined): boolean {
  if (age === undefined) return true;
  if (eligibility.minAge !== undefined && age < eligibility.minAge) return false;
  if (eligibility.maxAge !== undefined && age > eligibility.maxAge) return false;
  return true;
}

function inForceAt(agreement: PartnerAgreement, now: Date): boolean {
  const at = now.getTime();
  return (
    agreement.status === 'active' &&
    Date.parse(agreement.effectiveFrom) <= at &&
    (agreement.effectiveTo === undefined || at < Date.parse(agreement.effectiveTo))
  );
}

/** Compares open/capacity ratios by cross-multiplying, so equal ratios are exactly equal. */
function byLoad(a: ServiceLoad, b: ServiceLoad): number {
  return (
    a.openCases * b.service.capacity - b.openCases * a.service.capacity || a.openCases - b.openCases
  );
}

function byPartnerName(a: PartnerCandidate, b: PartnerCandidate): number {
  return byName(a.name, b.name) || byCode(a.partnerId, b.partnerId);
}

function byLoadThenName(a: Eligible, b: Eligible): number {
  return byLoad(a.service, b.service) || byPartnerName(a.partner, b.partner);
}
