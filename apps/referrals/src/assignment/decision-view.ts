import { countByReason, RuledOutReason } from '@concord/contracts';
import { Caller, organizationScopeOf } from '@concord/auth';
import { AssignmentDecision } from './assignment-decision.entity';
import type { TraceEntry } from './domain';
import { Offer, OfferStatus } from './offer.entity';

/** A run of the engine as an administrator sees it: the whole trace, every partner of the programme. */
export interface FullDecisionView {
  id: string;
  referralId: string;
  decidedAt: string;
  result: AssignmentDecision['result'];
  partnerId: string | null;
  trace: TraceEntry[];
}

/**
 * A run as the referral's dispatcher sees it: who got the referral, and how many partners were
 * ruled out for each reason. Nothing names, sizes or loads another partner.
 */
export interface DispatchDecisionView {
  decidedAt: string;
  result: AssignmentDecision['result'];
  /** The partner offered the referral; null when the run found none. */
  partnerId: string | null;
  partnerName: string | null;
  eligiblePartners: number;
  ruledOutPartners: number;
  /** A partner ruled out for several reasons counts once under each. */
  ruledOutByReason: Partial<Record<RuledOutReason, number>>;
}

/** A run that offered the referral to the calling partner, as that partner sees it: its own entry. */
export interface PartnerAttemptView {
  attempt: number;
  decidedAt: string;
  result: 'offered';
  serviceId: string;
  agreementId: string;
  /** The partner's own service's load when the engine chose it. */
  openCases?: number;
  capacity?: number;
  /** What became of this offer: offered, accepted, declined, expired, withdrawn … */
  offerStatus: OfferStatus;
}

export type DecisionView = FullDecisionView | DispatchDecisionView | PartnerAttemptView;

function fullView(decision: AssignmentDecision): FullDecisionView {
  return {
    id: decision.id,
    referralId: decision.referralId,
    decidedAt: decision.decidedAt.toISOString(),
    result: decision.result,
    partnerId: decision.partnerId,
    trace: decision.trace,
  };
}

function dispatchView(decision: AssignmentDecision): DispatchDecisionView {
  const ruledOut = decision.trace.filter((entry) => !entry.eligible);
  const chosen = decision.trace.find((entry) => entry.partnerId === decision.partnerId);
  return {
    decidedAt: decision.decidedAt.toISOString(),
    result: decision.result,
    partnerId: decision.partnerId,
    partnerName: chosen?.name ?? null,
    eligiblePartners: decision.trace.length - ruledOut.length,
    ruledOutPartners: ruledOut.length,
    ruledOutByReason: countByReason(ruledOut),
  };
}

/**
 * The partner's own attempts, one per offer it was made. An offer and the run that made it are
 * written in one transaction with the same instant (AssignmentService.offer), which pairs them.
 */
function partnerAttempts(
  partnerId: string,
  decisions: readonly AssignmentDecision[],
  offers: readonly Offer[],
): PartnerAttemptView[] {
  return offers
    .filter((offer) => offer.partnerId === partnerId)
    .sort((a, b) => a.attempt - b.attempt)
    .map((offer) => {
      const run = decisions.find(
        (decision) =>
          decision.partnerId === partnerId &&
          decision.decidedAt.getTime() === offer.offeredAt.getTime(),
      );
      const own = run?.trace.find((entry) => entry.partnerId === partnerId);
      return {
        attempt: offer.attempt,
        decidedAt: offer.offeredAt.toISOString(),
        result: 'offered' as const,
        serviceId: offer.serviceId,
        agreementId: offer.agreementId,
        ...(own?.openCases !== undefined ? { openCases: own.openCases } : {}),
        ...(own?.capacity !== undefined ? { capacity: own.capacity } : {}),
        offerStatus: offer.status,
      };
    });
}

/**
 * The decision traces of one referral as the caller may see them (minimum necessary): an
 * administrator the whole trace; the referral's dispatcher who got it and counts of why the
 * others did not; a partner only its own attempts. Who may reach the referral at all is
 * ReferralAccess's to decide; the auditor does not reach it.
 */
export function decisionsAs(
  caller: Caller,
  decisions: readonly AssignmentDecision[],
  offers: readonly Offer[],
): DecisionView[] {
  switch (caller.role) {
    case 'admin':
      return decisions.map(fullView);
    case 'dispatcher':
      return decisions.map(dispatchView);
    case 'partner':
      return partnerAttempts(organizationScopeOf(caller) as string, decisions, offers);
    case 'auditor':
      // The route does not admit auditors; should that change, they see nothing of it.
      return [];
  }
}
