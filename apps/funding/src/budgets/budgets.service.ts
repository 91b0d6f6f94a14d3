import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, QueryFailedError } from 'typeorm';
import { FundingEvents } from '@concord/contracts';
import { Caller } from '@concord/auth';
import { Outbox } from '@concord/messaging';
import { conflict, notFound, unprocessable } from '@concord/platform';
import { balanceOf } from '../ledger/balance';
import { BudgetLedger, toBudgetState } from '../ledger/budget-ledger.service';
import { toCents } from '../ledger/cents';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { FundingSource } from '../sources/funding-source.entity';
import { AllocationRequest, ListBudgetsQuery, OpenBudgetRequest } from './budget.dto';
import { Budget } from './budget.entity';
import {
  AllocationView,
  BudgetView,
  LedgerEntryView,
  toBudgetView,
  toLedgerEntryView,
} from './budget.view';

const UNIQUE_VIOLATION = '23505';
const ONE_PER_SCOPE = 'budgets_one_per_scope';

/** Opens budgets with money from funding sources, tops them up, and shows their balances. */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly ledger: BudgetLedger,
  ) {}

  async open(request: OpenBudgetRequest, caller: Caller): Promise<BudgetView> {
    try {
      return await this.dataSource.transaction((manager) => this.openIn(manager, request, caller));
    } catch (error) {
      // Two requests for one scope at once: the unique index lets the first through.
      if (!isUniqueViolation(error, ONE_PER_SCOPE)) throw error;
      throw budgetExists(request, (await this.findForScope(this.dataSource.manager, request))?.id);
    }
  }

  /**
   * Adds money from a source to a budget (a top-up) and publishes budget.topped-up with the new
   * award, so that readers who follow the ledger (insights) see the award grow. An exhausted
   * budget that now covers a case also publishes budget.replenished; usage back under the
   * threshold re-arms budget.threshold-reached.
   */
  allocate(id: string, request: AllocationRequest, caller: Caller): Promise<BudgetView> {
    return this.dataSource.transaction(async (manager) => {
      const budget = await this.ledger.lockBudget(manager, id);
      if (!budget) throw budgetNotFound(id);
      await this.assertSourcesCanGive(manager, [request], '');
      await this.ledger.append(manager, budget, {
        kind: 'allocate',
        amountCents: request.amountCents,
        sourceId: request.sourceId,
        recordedBy: caller.subject,
      });
      await this.outbox.publish(
        manager,
        FundingEvents.toppedUp,
        toBudgetState(budget, balanceOf(budget)),
      );
      const balance = await this.ledger.afterChange(manager, budget, 'allocate');
      return toBudgetView(budget, (await allocationsOf(manager, [id])).get(id) ?? [], balance);
    });
  }

  async list(query: ListBudgetsQuery, caller: Caller): Promise<BudgetView[]> {
    const where: FindOptionsWhere<Budget> = {};
    if (query.initiativeId) where.initiativeId = query.initiativeId;
    if (query.partnerId) where.partnerId = query.partnerId;
    if (caller.role === 'partner') {
      if (!caller.organizationId) return [];
      if (query.partnerId && query.partnerId !== caller.organizationId) return [];
      where.partnerId = caller.organizationId;
    }
    const manager = this.dataSource.manager;
    const budgets = await manager.find(Budget, { where, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.views(manager, budgets);
  }

  async get(id: string, caller: Caller): Promise<BudgetView> {
    const [view] = await this.views(this.dataSource.manager, [await this.readable(id, caller)]);
    return view;
  }

  /** Every entry of the budget's ledger, in order. */
  async entries(id: string, caller: Caller): Promise<LedgerEntryView[]> {
    await this.readable(id, caller);
    const entries = await this.dataSource.manager.find(LedgerEntry, {
      where: { budgetId: id },
      order: { id: 'ASC' },
    });
    return entries.map(toLedgerEntryView);
  }

  private async openIn(
    manager: EntityManager,
    request: OpenBudgetRequest,
    caller: Caller,
  ): Promise<BudgetView> {
    const existing = await this.findForScope(manager, request);
    if (existing) throw budgetExists(request, existing.id);
    await this.assertSourcesCanGive(manager, request.allocations, 'allocations');
    const budget = manager.create(Budget, {
      id: randomUUID(),
      initiativeId: request.initiativeId,
      partnerId: request.partnerId,
      category: request.category ?? null,
      costPerCaseCents: request.costPerCaseCents,
      thresholdReached: false,
      exhausted: false,
      allocateCents: 0,
      reserveCents: 0,
      releaseCents: 0,
      chargeCents: 0,
      createdBy: caller.subject,
      createdAt: new Date(),
    });
    await manager.insert(Budget, budget);
    for (const { sourceId, amountCents } of request.allocations) {
      await this.ledger.append(manager, budget, {
        kind: 'allocate',
        amountCents,
        sourceId,
        recordedBy: caller.subject,
      });
    }
    await this.outbox.publish(
      manager,
      FundingEvents.budgetOpened,
      toBudgetState(budget, balanceOf(budget)),
    );
    // An award below the cost of one case opens an exhausted budget.
    const balance = await this.ledger.afterChange(manager, budget, 'open');
    const allocations = request.allocations.map(({ sourceId, amountCents }) => ({
      sourceId,
      amountCents,
    }));
    return toBudgetView(budget, allocations, balance);
  }

  /**
   * Every source exists and has the amount left to give (its award less what it allocated
   * already). The sources stay locked until the transaction ends, in id order so that two
   * requests never wait for each other, so that two allocations never both take the last money.
   */
  private async assertSourcesCanGive(
    manager: EntityManager,
    allocations: AllocationRequest[],
    field: string,
  ): Promise<void> {
    const ids = [...new Set(allocations.map(({ sourceId }) => sourceId))].sort();
    const sources = await manager.find(FundingSource, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const rows = (await manager.query(
      `SELECT source_id, sum(amount_cents) AS cents FROM ledger_entries
        WHERE kind = 'allocate' AND source_id = ANY($1::uuid[]) GROUP BY source_id`,
      [ids],
    )) as { source_id: string; cents: string }[];
    const allocated = new Map(rows.map((row) => [row.source_id, toCents(row.cents)]));
    allocations.forEach(({ sourceId, amountCents }, index) => {
      const at = field ? `${field}.${index}.` : '';
      const source = sources.find(({ id }) => id === sourceId);
      if (!source) {
        throw unprocessable(
          'FUNDING_SOURCE_NOT_FOUND',
          `${at}sourceId: funding source ${sourceId} does not exist`,
        );
      }
      const left = source.awardCents - (allocated.get(sourceId) ?? 0);
      if (amountCents > left) {
        throw unprocessable(
          'FUNDING_SOURCE_OVERALLOCATED',
          `${at}amountCents: funding source "${source.name}" (${sourceId}) has ${left} cents left to allocate of its ${source.awardCents}, not ${amountCents}`,
        );
      }
    });
  }

  private findForScope(manager: EntityManager, request: OpenBudgetRequest): Promise<Budget | null> {
    return manager.findOneBy(Budget, {
      initiativeId: request.initiativeId,
      partnerId: request.partnerId,
      category: request.category ?? IsNull(),
    });
  }

  /** The budget if the caller may read it: a partner only its own (else a 404, as if none). */
  private async readable(id: string, caller: Caller): Promise<Budget> {
    const budget = await this.dataSource.manager.findOneBy(Budget, { id });
    if (!budget || (caller.role === 'partner' && budget.partnerId !== caller.organizationId)) {
      throw budgetNotFound(id);
    }
    return budget;
  }

  private async views(manager: EntityManager, budgets: Budget[]): Promise<BudgetView[]> {
    const ids = budgets.map(({ id }) => id);
    const allocations = await allocationsOf(manager, ids);
    return budgets.map((budget) =>
      toBudgetView(budget, allocations.get(budget.id) ?? [], balanceOf(budget)),
    );
  }
}

/** What each source has given each of the budgets, in the order the sources first gave. */
async function allocationsOf(
  manager: EntityManager,
  budgetIds: string[],
): Promise<Map<string, AllocationView[]>> {
  const rows = (await manager.query(
    `SELECT budget_id, source_id, sum(amount_cents) AS cents FROM ledger_entries
      WHERE kind = 'allocate' AND budget_id = ANY($1::uuid[])
      GROUP BY budget_id, source_id ORDER BY min(id)`,
    [budgetIds],
  )) as { budget_id: string; source_id: string; cents: string }[];
  const result = new Map<string, AllocationView[]>();
  for (const row of rows) {
    const list = result.get(row.budget_id) ?? [];
    list.push({ sourceId: row.source_id, amountCents: toCents(row.cents) });
    result.set(row.budget_id, list);
  }
  return result;
}

const isUniqueViolation = (error: unknown, constraint: string): boolean => {
  if (!(error instanceof QueryFailedError)) return false;
  const cause = error.driverError as { code?: string; constraint?: string };
  return cause.code === UNIQUE_VIOLATION && cause.constraint === constraint;
};

const scopeOf = ({ initiativeId, partnerId, category }: OpenBudgetRequest): string =>
  `initiative ${initiativeId}, partner ${partnerId} and ${category ? `category ${category}` : 'no category'}`;

const budgetExists = (request: OpenBudgetRequest, id?: string) =>
  conflict(
    'BUDGET_EXISTS',
    `a budget for ${scopeOf(request)} is open already${id ? ` (${id})` : ''}; top it up with POST /budgets/${id ?? ':id'}/allocations`,
  );

export const budgetNotFound = (id: string) =>
  notFound('BUDGET_NOT_FOUND', `budget ${id} does not exist`);
