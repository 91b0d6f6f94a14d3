import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import { ReferralEvents, WithdrawalReason } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { DirectoryAgreement, DirectoryOrganization } from '../directory/directory.entities';
import { DirectoryService } from '../directory/directory.service';
import { Referral } from '../referral/referral.entity';
import { nextStatus } from '../referral/referral-lifecycle';
import { AssignmentDecision } from './assignment-decision.entity';
import {
  AssignmentEngine,
  PartnerCandidate,
  RankedOffer,
  ReferralToAssign,
  TraceEntry,
} from './domain';
import { Offer } from './offer.entity';
import { takeBackOffer } from './open-offer';

type RuledOutBefore = ReferralToAssign['ruledOutBefore'];
type PastReason = RuledOutBefore extends ReadonlyMap<string, infer R> ? R : never;

const PAST_REASON: Partial<Record<Offer['status'], PastReason>> = {
  declined: 'declined-before',
  expired: 'missed-deadline-before',
  withdrawn: 'withdrawn-before',
};

/**
 * Runs the assignment engine for one referral against this service's projection of partners and
 * agreements, and records the outcome: an offer to the best partner with its deadline, or
 * `unassignable` with why each partner was ruled out. Always inside the caller's transaction.
 */
@Injectable()
export class AssignmentService {
  private readonly engine = new AssignmentEngine();

  constructor(
    private readonly outbox: Outbox,
    private readonly directory: DirectoryService,
  ) {}

  async assign(manager: EntityManager, referralId: string): Promise<void> {
    const referral = await manager.findOne(Referral, {
      where: { id: referralId },
      lock: { mode: 'pessimistic_write' },
    });
    // A late or repeated trigger (the referral was cancelled or already offered meanwhile).
    if (!referral || referral.status !== 'awaiting-assignment') return;

    // Offers to services of one category are made one at a time, so that open cases are counted
    // after every earlier offer committed and a service's capacity is never exceeded.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `concord.assignment.${referral.category}`,
    ]);
    const now = new Date();
    const candidates = await this.candidates(manager, referral);
    const decision = this.engine.rankPartners(
      {
        agencyId: referral.agencyId,
        category: referral.category,
        urgency: referral.urgency,
        point: { latitude: referral.latitude, longitude: referral.longitude },
        personAge: referral.person.age,
        ruledOutBefore: await this.ruledOutBefore(manager, referral.id),
      },
      candidates,
      now,
    );
    const [best] = decision.ranked;
    if (best) {
      await this.offer(manager, referral, best, candidates, decision.trace, now);
    } else {
      await this.giveUp(manager, referral, decision.trace, now);
    }
  }

  /**
   * An agreement left force: its offers not yet accepted are taken back and re-routed (through
   * `referral.offer-withdrawn`, which this service handles like a decline).
   */
  async withdrawOffersUnder(
    manager: EntityManager,
    agreementId: string,
    reason: WithdrawalReason,
  ): Promise<number> {
    const offered = await manager.find(Referral, {
      where: { agreementId, status: 'offered' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const referral of offered) {
      const partnerId = await takeBackOffer(manager, referral, 'withdrawOffer', 'withdrawn');
      await this.outbox.publish(manager, ReferralEvents.offerWithdrawn, {
        referralId: referral.id,
        partnerId,
        reason,
      });
    }
    return offered.length;
  }

  /**
   * Funding could not reserve the case's cost: the offer is taken back and the referral re-routed
   * (the compensating step of the reservation saga). Nothing to do if the offer already ended.
   */
  async withdrawUnfunded(
    manager: EntityManager,
    referralId: string,
    partnerId: string,
  ): Promise<void> {
    const referral = await manager.findOne(Referral, {
      where: { id: referralId },
      lock: { mode: 'pessimistic_write' },
    });
    if (referral?.status !== 'offered' || referral.partnerId !== partnerId) return;
    await takeBackOffer(manager, referral, 'withdrawOffer', 'withdrawn');
    await this.outbox.publish(manager, ReferralEvents.offerWithdrawn, {
      referralId,
      partnerId,
      reason: 'budget-rejected',
    });
  }

  /** Takes back offers whose deadline passed, a batch at a time; other instances skip these. */
  async expireOverdueOffers(manager: EntityManager, batchSize = 100): Promise<number> {
    const overdue = await manager
      .createQueryBuilder(Referral, 'referral')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`referral.status = 'offered' AND referral.accept_by <= now()`)
      .orderBy('referral.accept_by')
      .limit(batchSize)
      .getMany();
    for (const referral of overdue) {
      const partnerId = await takeBackOffer(manager, referral, 'missDeadline', 'expired');
      await this.outbox.publish(manager, ReferralEvents.offerExpired, {
        referralId: referral.id,
        partnerId,
      });
    }
    return overdue.length;
  }

  private async candidates(
    manager: EntityManager,
    referral: Referral,
  ): Promise<PartnerCandidate[]> {
    const [partners, agreements, exhausted, load] = await Promise.all([
      manager.find(DirectoryOrganization, { where: { type: Not('police-agency') } }),
      manager.find(DirectoryAgreement, { where: { agencyId: referral.agencyId } }),
      this.directory.exhaustedBudgets(manager, referral.category),
      // Kept by a trigger (migration ServiceOpenCases): counting open referrals here cost
      // O(open cases) on every assignment, under the category's lock.
      manager.query(
        `SELECT service_id AS "serviceId", open_cases AS open FROM service_open_cases`,
      ) as Promise<{ serviceId: string; open: number }[]>,
    ]);
    const openCases = new Map(load.map((row) => [row.serviceId, row.open]));
    return partners.map((partner) => ({
      partnerId: partner.id,
      name: partner.name,
      services: partner.services,
      agreements: agreements
        .filter((agreement) => agreement.partnerId === partner.id)
        .map((agreement) => agreement.terms),
      openCases,
      exhaustedBudgets: exhausted.get(partner.id),
    }));
  }

  private async ruledOutBefore(
    manager: EntityManager,
    referralId: string,
  ): Promise<RuledOutBefore> {
    const earlier = await manager.findBy(Offer, { referralId });
    const reasons = new Map<string, PastReason>();
    for (const offer of earlier) {
      const reason = PAST_REASON[offer.status];
      if (reason) reasons.set(offer.partnerId, reason);
    }
    return reasons;
  }

  private async offer(
    manager: EntityManager,
    referral: Referral,
    best: RankedOffer,
    candidates: PartnerCandidate[],
    trace: TraceEntry[],
    now: Date,
  ): Promise<void> {
    const agreement = candidates
      .flatMap((candidate) => candidate.agreements)
      .find((terms) => terms.agreementId === best.agreementId);
    const attempt = referral.attempt + 1;
    const acceptBy = new Date(now.getTime() + best.acceptWithinMinutes * 60_000);
    await manager.insert(Offer, {
      id: randomUUID(),
      referralId: referral.id,
      attempt,
      partnerId: best.partnerId,
      serviceId: best.serviceId,
      agreementId: best.agreementId,
      status: 'offered',
      offeredAt: now,
      acceptBy,
      declineReason: null,
      declineNote: null,
      answeredAt: null,
    });
    await manager.update(Referral, referral.id, {
      status: nextStatus(referral.id, referral.status, 'offer'),
      attempt,
      partnerId: best.partnerId,
      serviceId: best.serviceId,
      agreementId: best.agreementId,
      acceptBy,
      updatedAt: now,
    });
    await this.record(manager, referral, 'offered', best.partnerId, trace, now);
    await this.outbox.publish(manager, ReferralEvents.assigned, {
      referralId: referral.id,
      partnerId: best.partnerId,
      serviceId: best.serviceId,
      agreementId: best.agreementId,
      initiativeId: agreement?.initiativeId as string,
      category: referral.category,
      urgency: referral.urgency,
      attempt,
      acceptBy: acceptBy.toISOString(),
    });
  }

  private async giveUp(
    manager: EntityManager,
    referral: Referral,
    trace: TraceEntry[],
    now: Date,
  ): Promise<void> {
    await manager.update(Referral, referral.id, {
      status: nextStatus(referral.id, referral.status, 'findNoPartner'),
      updatedAt: now,
    });
    await this.record(manager, referral, 'unassignable', null, trace, now);
    await this.outbox.publish(manager, ReferralEvents.unassignable, {
      referralId: referral.id,
      category: referral.category,
      attempt: referral.attempt + 1,
      ruledOut: trace
        .filter((entry) => !entry.eligible)
        .map((entry) => ({ partnerId: entry.partnerId, reasons: entry.reasons })),
    });
  }

  private async record(
    manager: EntityManager,
    referral: Referral,
    result: AssignmentDecision['result'],
    partnerId: string | null,
    trace: TraceEntry[],
    now: Date,
  ): Promise<void> {
    await manager.insert(AssignmentDecision, {
      id: randomUUID(),
      referralId: referral.id,
      decidedAt: now,
      result,
      partnerId,
      trace,
    });
  }
}
