import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralEvents, WithdrawalReason } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { DirectoryService, RoutingDirectory } from '../directory/directory.service';
import { Referral } from '../referral/referral.entity';
import { nextStatus } from '../referral/referral-lifecycle';
import { ReferralSeal } from '../referral/referral-seal';
import { AssignmentDecision } from './assignment-decision.entity';
import { AssignmentEngine, RankedOffer, ReferralToAssign, TraceEntry } from './domain';
import { Offer } from './offer.entity';
import { takeBackOffer } from './open-offer';
import { partnerCandidates } from './partner-candidates';

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
    private readonly seal: ReferralSeal,
  ) {}

  async assign(manager: EntityManager, referralId: string): Promise<void> {
    const referral = await manager.findOne(Referral, {
      where: { id: referralId },
      lock: { mode: 'pessimistic_write' },
    });
    // A late or repeated trigger (the referral was cancelled or already offered meanwhile).
    if (!referral || referral.status !== 'awaiting-assignment') return;

    const now = new Date();
    const { directory, openCases } = await this.routingState(manager);
    const details = this.seal.open(referral);
    const toAssign: ReferralToAssign = {
      agencyId: referral.agencyId,
      category: referral.category,
      urgency: referral.urgency,
      point: { latitude: details.latitude, longitude: details.longitude },
      personAge: details.person.age,
      ruledOutBefore:
        referral.attempt === 0 ? new Map() : await this.ruledOutBefore(manager, referral.id),
    };
    for (;;) {
      const decision = this.engine.rankPartners(
        toAssign,
        partnerCandidates(directory, referral, openCases),
        now,
      );
      const [best] = decision.ranked;
      if (!best) return this.giveUp(manager, referral, decision.trace, now);
      const full = await this.offer(manager, referral, best, decision.trace, now);
      if (full === undefined) return;
      // Another assignment took the service's last place after the counts were read: rank again
      // with its count (the service is now at capacity, so this ends). The full service's counter
      // stays locked until commit; two assignments that each find their first choice full and
      // want the other's can deadlock — PostgreSQL aborts one, and its event is retried.
      openCases.set(best.serviceId, full);
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

  /**
   * The routing directory (from memory unless it changed) and the open cases of every service, in
   * one round trip: the directory's version and the counters kept by the trigger of migration
   * ServiceOpenCases, so an assignment costs the same however many cases are open.
   */
  private async routingState(
    manager: EntityManager,
  ): Promise<{ directory: RoutingDirectory; openCases: Map<string, number> }> {
    const [state] = (await manager.query(
      `SELECT (SELECT version::text FROM directory_version) AS version,
              (SELECT coalesce(json_object_agg(service_id, open_cases), '{}'::json)
                 FROM service_open_cases) AS "openCases"`,
    )) as { version: string; openCases: Record<string, number> }[];
    return {
      directory: await this.directory.routing(manager, state.version),
      openCases: new Map(Object.entries(state.openCases)),
    };
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

  /**
   * Offers the referral to `best` in one statement, if its service still has room: it locks the
   * service's open-case counter until this transaction ends and reads its count as of the last
   * commit, and only below capacity inserts the offer and the decision, moves the referral on and
   * stages `referral.assigned`. Offers to one service are made one at a time, so its capacity is
   * never exceeded; offers to different services go in parallel. Undefined when offered; the
   * service's count when it was full.
   */
  private async offer(
    manager: EntityManager,
    referral: Referral,
    best: RankedOffer,
    trace: TraceEntry[],
    now: Date,
  ): Promise<number | undefined> {
    const attempt = referral.attempt + 1;
    const acceptBy = new Date(now.getTime() + best.acceptWithinMinutes * 60_000);
    const values: unknown[] = [
      best.serviceId,
      best.capacity,
      randomUUID(),
      referral.id,
      attempt,
      best.partnerId,
      best.agreementId,
      now,
      acceptBy,
      nextStatus(referral.id, referral.status, 'offer'),
      randomUUID(),
      JSON.stringify(trace),
    ];
    const event = this.outbox.stageAfter(
      ReferralEvents.assigned,
      {
        referralId: referral.id,
        partnerId: best.partnerId,
        serviceId: best.serviceId,
        agreementId: best.agreementId,
        initiativeId: best.initiativeId,
        category: referral.category,
        urgency: referral.urgency,
        attempt,
        acceptBy: acceptBy.toISOString(),
      },
      'room',
      values.length + 1,
    );
    const [row] = (await manager.query(
      `WITH held AS (
         INSERT INTO service_open_cases (service_id, open_cases) VALUES ($1::uuid, 0)
         ON CONFLICT (service_id) DO UPDATE SET open_cases = service_open_cases.open_cases
         RETURNING open_cases
       ), room AS (
         SELECT 1 FROM held WHERE open_cases < $2::int
       ), offered AS (
         INSERT INTO offers (id, referral_id, attempt, partner_id, service_id, agreement_id, status,
                             offered_at, accept_by)
         SELECT $3::uuid, $4::uuid, $5::int, $6::uuid, $1::uuid, $7::uuid, 'offered',
                $8::timestamptz, $9::timestamptz
           FROM room
         RETURNING 1
       ), moved AS (
         UPDATE referrals
            SET status = $10::text, attempt = $5::int, partner_id = $6::uuid, service_id = $1::uuid,
                agreement_id = $7::uuid, accept_by = $9::timestamptz, updated_at = $8::timestamptz
          WHERE id = $4::uuid AND EXISTS (SELECT 1 FROM room)
         RETURNING 1
       ), decided AS (
         INSERT INTO assignment_decisions (id, referral_id, decided_at, result, partner_id, trace)
         SELECT $11::uuid, $4::uuid, $8::timestamptz, 'offered', $6::uuid, $12::jsonb FROM room
         RETURNING 1
       ), ${event.ctes}
       SELECT (SELECT open_cases FROM held) AS open_cases, ${event.selected}`,
      [...values, ...event.values],
    )) as { open_cases: number; events: number }[];
    if (row.events === 1) return undefined;
    return row.open_cases;
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
