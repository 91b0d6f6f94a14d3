import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { unprocessable } from '@concord/platform';
import { Budget } from '../budgets/budget.entity';
import { toCents } from '../ledger/cents';
import { FundingSource } from '../sources/funding-source.entity';
import { toFundingSourceView } from '../sources/funding-source.view';
import { allocatedBySource, fundingSourceNotFound } from '../sources/funding-sources.service';
import { GrantReportQuery } from './grant-report.dto';
import { GrantReport, GrantReportBudgetLine } from './grant-report.view';
import { proRata, Weight } from './pro-rata';

const DAY_MS = 24 * 60 * 60 * 1000;

interface BudgetFigures {
  budget_id: string;
  charged: string | null;
  charged_before: string | null;
  cases: string;
  reserved: string | null;
  settled: string | null;
}

/**
 * What a funding source's money did in a period. Each budget's figures are divided among the
 * sources that fund it in proportion to what each had allocated to it by the end of the period
 * (proRata: whole cents, adding up exactly), and the source's shares are summed.
 */
@Injectable()
export class GrantReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(sourceId: string, query: GrantReportQuery): Promise<GrantReport> {
    const manager = this.dataSource.manager;
    const source = await manager.findOneBy(FundingSource, { id: sourceId });
    if (!source) throw fundingSourceNotFound(sourceId);
    const period = { from: query.from ?? source.periodFrom, to: query.to ?? source.periodTo };
    if (period.to < period.from) {
      throw unprocessable(
        'REPORT_PERIOD_INVALID',
        `to: ${period.to} is before the period's start ${period.from}`,
      );
    }
    const start = new Date(`${period.from}T00:00:00Z`);
    const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS);

    const allocations = (await manager.query(
      `SELECT budget_id, source_id, sum(amount_cents) AS cents FROM ledger_entries
        WHERE kind = 'allocate' AND created_at < $2 AND budget_id IN (
          SELECT budget_id FROM ledger_entries
           WHERE kind = 'allocate' AND source_id = $1 AND created_at < $2)
        GROUP BY budget_id, source_id`,
      [sourceId, end],
    )) as { budget_id: string; source_id: string; cents: string }[];
    const weights = new Map<string, Weight[]>();
    for (const row of allocations) {
      const list = weights.get(row.budget_id) ?? [];
      list.push({ key: row.source_id, weight: toCents(row.cents) });
      weights.set(row.budget_id, list);
    }
    const budgetIds = [...weights.keys()];
    const budgets =
      budgetIds.length === 0
        ? []
        : await manager.find(Budget, {
            where: { id: In(budgetIds) },
            order: { createdAt: 'ASC', id: 'ASC' },
          });
    const figures = (await manager.query(
      `SELECT budget_id,
              sum(amount_cents) FILTER (WHERE kind = 'charge' AND created_at >= $2) AS charged,
              sum(amount_cents) FILTER (WHERE kind = 'charge' AND created_at < $2) AS charged_before,
              count(*) FILTER (WHERE kind = 'charge' AND created_at >= $2) AS cases,
              sum(amount_cents) FILTER (WHERE kind = 'reserve') AS reserved,
              sum(amount_cents) FILTER (WHERE kind IN ('release', 'charge')) AS settled
         FROM ledger_entries
        WHERE budget_id = ANY($1::uuid[]) AND created_at < $3
        GROUP BY budget_id`,
      [budgetIds, start, end],
    )) as BudgetFigures[];
    const figuresOf = new Map(figures.map((row) => [row.budget_id, row]));

    const byBudget = budgets.map((budget): GrantReportBudgetLine => {
      const shares = weights.get(budget.id) ?? [];
      const row = figuresOf.get(budget.id);
      const share = (amount: number) => proRata(amount, shares).get(sourceId) ?? 0;
      return {
        budgetId: budget.id,
        initiativeId: budget.initiativeId,
        partnerId: budget.partnerId,
        category: budget.category,
        costPerCaseCents: budget.costPerCaseCents,
        budgetAwardedCents: shares.reduce((sum, { weight }) => sum + weight, 0),
        allocatedCents: shares.find(({ key }) => key === sourceId)?.weight ?? 0,
        reservedCents: share(toCents(row?.reserved) - toCents(row?.settled)),
        chargedCents: share(toCents(row?.charged)),
        chargedBeforePeriodCents: share(toCents(row?.charged_before)),
        casesCharged: Number(row?.cases ?? 0),
      };
    });
    const total = (pick: (line: GrantReportBudgetLine) => number) =>
      byBudget.reduce((sum, line) => sum + pick(line), 0);
    const reservedCents = total((line) => line.reservedCents);
    const chargedCents = total((line) => line.chargedCents);
    const chargedBeforePeriodCents = total((line) => line.chargedBeforePeriodCents);
    const allocatedNow = (await allocatedBySource(manager, sourceId)).get(sourceId) ?? 0;
    return {
      source: toFundingSourceView(source, allocatedNow),
      period,
      awardedCents: source.awardCents,
      allocatedCents: total((line) => line.allocatedCents),
      reservedCents,
      chargedCents,
      chargedBeforePeriodCents,
      remainingCents: source.awardCents - reservedCents - chargedCents - chargedBeforePeriodCents,
      casesCharged: total((line) => line.casesCharged),
      byBudget,
    };
  }
}
