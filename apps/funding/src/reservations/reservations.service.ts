import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  coversACase,
  FundingEvents,
  FundingReservationRejectedV1,
  ReferralAssignedV1,
  ReleaseReason,
} from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { Budget } from '../budgets/budget.entity';
import { findBudgetThatPays } from '../budgets/budget-that-pays.query';
import { balanceOf } from '../ledger/balance';
import { BudgetLedger } from '../ledger/budget-ledger.service';
import { toCents } from '../ledger/cents';

/** A reserve entry that no release or charge has settled yet. */
interface OpenReservation {
  readonly entryId: string;
  readonly budgetId: string;
  readonly partnerId: string;
  readonly amountCents: number;
}

/** The event being handled: the cause recorded on each ledger entry it writes. */
export interface Cause {
  readonly eventId: string;
}

/**
 * The funding side of the hand-off saga. An assignment reserves a case's cost on the partner's
 * budget, or is rejected (the referrals service then routes the referral elsewhere); an offer
 * that ends without a case gives the reservation back; an acceptance turns it into a charge.
 * Every method runs in the transaction of the event's handling and writes through `manager`.
 */
@Injectable()
export class ReservationsService {
  private readonly log = new Logger(ReservationsService.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly ledger: BudgetLedger,
  ) {}

  async reserve(manager: EntityManager, assigned: ReferralAssignedV1, cause: Cause): Promise<void> {
    const { referralId, partnerId } = assigned;
    if ((await this.openReservations(manager, referralId, partnerId)).length > 0) {
      // The same offer announced twice (under two event ids): it holds its money already.
      this.log.warn(`referral ${referralId} already holds a reservation with partner ${partnerId}`);
      return;
    }
    const budget = await this.lockBudgetFor(manager, assigned);
    if (!budget) {
      await this.reject(manager, { referralId, partnerId, reason: 'no-budget' });
      return;
    }
    const balance = balanceOf(budget);
    if (!coversACase(balance.availableCents, budget.costPerCaseCents)) {
      await this.reject(manager, {
        referralId,
        partnerId,
        budgetId: budget.id,
        reason: 'budget-exhausted',
      });
      await this.ledger.afterChange(manager, budget, 'reject');
      return;
    }
    await this.ledger.append(manager, budget, {
      kind: 'reserve',
      amountCents: budget.costPerCaseCents,
      referralId,
      causeEventId: cause.eventId,
    });
    await this.outbox.publish(manager, FundingEvents.reserved, {
      budgetId: budget.id,
      referralId,
      partnerId,
      amountCents: budget.costPerCaseCents,
    });
    await this.ledger.afterChange(manager, budget, 'reserve');
  }

  /**
   * Gives back what the referral holds with the partner (every partner when none is given).
   * Nothing is held when the assignment was rejected, or once the case was charged: a referral
   * cancelled after acceptance stays charged.
   */
  async release(
    manager: EntityManager,
    referralId: string,
    partnerId: string | undefined,
    reason: ReleaseReason,
    cause: Cause,
  ): Promise<void> {
    for (const reservation of await this.openReservations(manager, referralId, partnerId)) {
      const budget = await this.lockedBudgetOf(manager, reservation);
      await this.ledger.append(manager, budget, {
        kind: 'release',
        amountCents: reservation.amountCents,
        referralId,
        settlesEntryId: reservation.entryId,
        releaseReason: reason,
        causeEventId: cause.eventId,
      });
      await this.outbox.publish(manager, FundingEvents.released, {
        budgetId: reservation.budgetId,
        referralId,
        partnerId: reservation.partnerId,
        amountCents: reservation.amountCents,
        reason,
      });
      await this.ledger.afterChange(manager, budget, 'release');
    }
  }

  /** The partner accepted: its reservation becomes a charge of the same amount. */
  async charge(
    manager: EntityManager,
    referralId: string,
    partnerId: string,
    cause: Cause,
  ): Promise<void> {
    const [reservation] = await this.openReservations(manager, referralId, partnerId);
    if (!reservation) {
      this.log.warn(
        `referral ${referralId} was accepted by ${partnerId} without a reservation; nothing to charge`,
      );
      return;
    }
    const budget = await this.lockedBudgetOf(manager, reservation);
    await this.ledger.append(manager, budget, {
      kind: 'charge',
      amountCents: reservation.amountCents,
      referralId,
      settlesEntryId: reservation.entryId,
      causeEventId: cause.eventId,
    });
    await this.outbox.publish(manager, FundingEvents.charged, {
      budgetId: reservation.budgetId,
      referralId,
      partnerId,
      amountCents: reservation.amountCents,
    });
    await this.ledger.afterChange(manager, budget, 'charge');
  }

  private async reject(manager: EntityManager, rejection: FundingReservationRejectedV1) {
    await this.outbox.publish(manager, FundingEvents.reservationRejected, rejection);
  }

  /**
   * The budget that pays for the assignment, locked: the one for its initiative, partner and
   * category, else the partner's budget in the initiative without a category.
   */
  private async lockBudgetFor(
    manager: EntityManager,
    { initiativeId, partnerId, category }: ReferralAssignedV1,
  ): Promise<Budget | null> {
    const id = await findBudgetThatPays(manager, initiativeId, partnerId, category);
    return id ? this.ledger.lockBudget(manager, id) : null;
  }

  private async lockedBudgetOf(manager: EntityManager, reservation: OpenReservation) {
    const budget = await this.ledger.lockBudget(manager, reservation.budgetId);
    if (!budget) throw new Error(`budget ${reservation.budgetId} of a reservation is gone`);
    return budget;
  }

  /**
   * The referral's reservations that no entry has settled, with the partner (any when not
   * given), newest first. Events of one referral arrive in order, and the unique index on
   * settles_entry_id stops a second settlement of one reservation in any case.
   */
  private async openReservations(
    manager: EntityManager,
    referralId: string,
    partnerId: string | undefined,
  ): Promise<OpenReservation[]> {
    const rows = (await manager.query(
      `SELECT r.id, r.budget_id, b.partner_id, r.amount_cents
         FROM ledger_entries r JOIN budgets b ON b.id = r.budget_id
        WHERE r.kind = 'reserve' AND r.referral_id = $1
          AND ($2::uuid IS NULL OR b.partner_id = $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM ledger_entries s WHERE s.settles_entry_id = r.id)
        ORDER BY r.id DESC`,
      [referralId, partnerId ?? null],
    )) as { id: string; budget_id: string; partner_id: string; amount_cents: string }[];
    return rows.map((row) => ({
      entryId: row.id,
      budgetId: row.budget_id,
      partnerId: row.partner_id,
      amountCents: toCents(row.amount_cents),
    }));
  }
}
