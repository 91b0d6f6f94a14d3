import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetStateV1, EventDefinition, FundingEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { Budget } from '../budgets/budget.entity';
import { FundingConfig } from '../funding.config';
import { Balance, balanceOf, LedgerTotals, NO_ENTRIES } from './balance';
import { BalanceChange, BudgetSignal, budgetSignals } from './budget-signals';
import { toCents } from './cents';
import { LedgerEntry } from './ledger-entry.entity';

const SIGNAL_EVENTS: Record<BudgetSignal, EventDefinition<BudgetStateV1>> = {
  thresholdReached: FundingEvents.thresholdReached,
  exhausted: FundingEvents.exhausted,
  replenished: FundingEvents.replenished,
};

/** A new ledger entry: its kind, amount and what it is about; the database numbers it. */
export type NewLedgerEntry = Pick<LedgerEntry, 'budgetId' | 'kind' | 'amountCents'> &
  Partial<
    Pick<
      LedgerEntry,
      'sourceId' | 'referralId' | 'settlesEntryId' | 'releaseReason' | 'causeEventId' | 'recordedBy'
    >
  >;

/**
 * The ledger of every budget: appends entries (it never updates or deletes one), derives
 * balances from them, and publishes the budget.* signals a change calls for. Callers hold the
 * budget's row lock (lockBudget) while they read a balance and append to it, so that two
 * reservations never both take the last case's money.
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

  async append(manager: EntityManager, entry: NewLedgerEntry): Promise<LedgerEntry> {
    const row = manager.create(LedgerEntry, {
      sourceId: null,
      referralId: null,
      settlesEntryId: null,
      releaseReason: null,
      causeEventId: null,
      recordedBy: null,
      ...entry,
      createdAt: new Date(),
    });
    await manager.insert(LedgerEntry, row);
    return row;
  }

  async balance(manager: EntityManager, budgetId: string): Promise<Balance> {
    return (await this.balances(manager, [budgetId])).get(budgetId) ?? balanceOf(NO_ENTRIES);
  }

  async balances(manager: EntityManager, budgetIds: string[]): Promise<Map<string, Balance>> {
    if (budgetIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT budget_id,
              sum(amount_cents) FILTER (WHERE kind = 'allocate') AS allocate,
              sum(amount_cents) FILTER (WHERE kind = 'reserve') AS reserve,
              sum(amount_cents) FILTER (WHERE kind = 'release') AS release,
              sum(amount_cents) FILTER (WHERE kind = 'charge') AS charge
         FROM ledger_entries WHERE budget_id = ANY($1::uuid[]) GROUP BY budget_id`,
      [budgetIds],
    )) as {
      budget_id: string;
      allocate: string;
      reserve: string;
      release: string;
      charge: string;
    }[];
    const totals = new Map<string, LedgerTotals>(
      rows.map((row) => [
        row.budget_id,
        {
          allocateCents: toCents(row.allocate),
          reserveCents: toCents(row.reserve),
          releaseCents: toCents(row.release),
          chargeCents: toCents(row.charge),
        },
      ]),
    );
    return new Map(budgetIds.map((id) => [id, balanceOf(totals.get(id) ?? NO_ENTRIES)]));
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
    const balance = await this.balance(manager, budget.id);
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
