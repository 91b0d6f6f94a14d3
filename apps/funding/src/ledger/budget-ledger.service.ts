import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetStateV1, EventDefinition, FundingEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { Budget } from '../budgets/budget.entity';
import { FundingConfig } from '../funding.config';
import { Balance, balanceOf } from './balance';
import { BalanceChange, BudgetSignal, budgetSignals } from './budget-signals';
import { toCents } from './cents';
import { LedgerEntry } from './ledger-entry.entity';

const SIGNAL_EVENTS: Record<BudgetSignal, EventDefinition<BudgetStateV1>> = {
  thresholdReached: FundingEvents.thresholdReached,
  exhausted: FundingEvents.exhausted,
  replenished: FundingEvents.replenished,
};

/** A new ledger entry of a budget: its kind, amount and what it is about; the database numbers it. */
export type NewLedgerEntry = Pick<LedgerEntry, 'kind' | 'amountCents'> &
  Partial<
    Pick<
      LedgerEntry,
      'sourceId' | 'referralId' | 'settlesEntryId' | 'releaseReason' | 'causeEventId' | 'recordedBy'
    >
  >;

/**
 * The ledger of every budget: appends entries (it never updates or deletes one), keeps the
 * budget's running totals with them, and publishes the budget.* signals a change calls for.
 * Callers hold the budget's row lock (lockBudget) while they read a balance and append to it, so
 * that two reservations never both take the last case's money.
 */
@Injectable()
export class BudgetLedger {
  constructor(
    private readonly outbox: Outbox,
    private readonly config: FundingConfig,
  ) {}

  /** The budget, locked until the transaction ends (SELECT … FOR UPDATE); null if none. */
  lockBudget(manager: EntityManager, id: string): Promise<Budget | null> {
    return manager.findOne(Budget, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Appends an entry to the locked `budget` and adds its amount to the budget's running total of
   * its kind, in one statement; `budget` is brought up to date with the totals it returns.
   */
  async append(manager: EntityManager, budget: Budget, entry: NewLedgerEntry): Promise<void> {
    // TypeORM answers an UPDATE with [rows, count].
    const [[totals]] = (await manager.query(
      `WITH entry AS (
         INSERT INTO ledger_entries (budget_id, kind, amount_cents, source_id, referral_id,
                                     settles_entry_id, release_reason, cause_event_id, recorded_by,
                                     created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         RETURNING budget_id, kind, amount_cents
       )
       UPDATE budgets b
          SET allocate_cents = b.allocate_cents + CASE WHEN e.kind = 'allocate' THEN e.amount_cents ELSE 0 END,
              reserve_cents = b.reserve_cents + CASE WHEN e.kind = 'reserve' THEN e.amount_cents ELSE 0 END,
              release_cents = b.release_cents + CASE WHEN e.kind = 'release' THEN e.amount_cents ELSE 0 END,
              charge_cents = b.charge_cents + CASE WHEN e.kind = 'charge' THEN e.amount_cents ELSE 0 END
         FROM entry e WHERE b.id = e.budget_id
       RETURNING b.allocate_cents, b.reserve_cents, b.release_cents, b.charge_cents`,
      [
        budget.id,
        entry.kind,
        entry.amountCents,
        entry.sourceId ?? null,
        entry.referralId ?? null,
        entry.settlesEntryId ?? null,
        entry.releaseReason ?? null,
        entry.causeEventId ?? null,
        entry.recordedBy ?? null,
      ],
    )) as [
      [Record<'allocate_cents' | 'reserve_cents' | 'release_cents' | 'charge_cents', string>],
      number,
    ];
    Object.assign(budget, {
      allocateCents: toCents(totals.allocate_cents),
      reserveCents: toCents(totals.reserve_cents),
      releaseCents: toCents(totals.release_cents),
      chargeCents: toCents(totals.charge_cents),
    });
  }

  /**
   * After a change to the locked `budget`: its balance, and the budget.threshold-reached,
   * budget.exhausted or budget.replenished events it calls for, published in that order.
   */
  async afterChange(
    manager: EntityManager,
    budget: Budget,
    change: BalanceChange,
  ): Promise<Balance> {
    const balance = balanceOf(budget);
    const decision = budgetSignals(
      balance,
      budget.costPerCaseCents,
      budget,
      change,
      this.config.FUNDING_THRESHOLD_PERCENT,
    );
    const { thresholdReached, exhausted } = decision.flags;
    if (thresholdReached !== budget.thresholdReached || exhausted !== budget.exhausted) {
      await manager.update(Budget, { id: budget.id }, { thresholdReached, exhausted });
      Object.assign(budget, { thresholdReached, exhausted });
    }
    for (const signal of decision.signals) {
      await this.outbox.publish(manager, SIGNAL_EVENTS[signal], toBudgetState(budget, balance));
    }
    return balance;
  }
}

/** The payload of every budget.* event: the budget and its money after the change. */
export function toBudgetState(budget: Budget, balance: Balance): BudgetStateV1 {
  return {
    budgetId: budget.id,
    initiativeId: budget.initiativeId,
    partnerId: budget.partnerId,
    ...(budget.category === null ? {} : { category: budget.category }),
    awardedCents: balance.awardedCents,
    availableCents: balance.availableCents,
    costPerCaseCents: budget.costPerCaseCents,
  };
}
