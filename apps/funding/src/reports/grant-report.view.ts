import { ReferralCategory } from '@concord/contracts';
import { FundingSourceView } from '../sources/funding-source.view';
import { CsvCell, toCsv } from './csv';

/** What one budget did with a source's money; the amounts are the source's pro-rata share. */
export interface GrantReportBudgetLine {
  budgetId: string;
  initiativeId: string;
  partnerId: string;
  category: ReferralCategory | null;
  costPerCaseCents: number;
  /** Everything allocated to the budget by the end of the period, from every source. */
  budgetAwardedCents: number;
  /** Of that, what this source allocated. */
  allocatedCents: number;
  /** The source's share of what the budget held for open offers at the end of the period. */
  reservedCents: number;
  /** The source's share of the budget's charges within the period. */
  chargedCents: number;
  /** The source's share of the budget's charges before the period. */
  chargedBeforePeriodCents: number;
  /** Cases the budget charged within the period (whole cases, whichever sources paid them). */
  casesCharged: number;
}

/**
 * A funding source's report for a period. It adds up: awardedCents = remainingCents +
 * reservedCents + chargedCents + chargedBeforePeriodCents, and each amount is the sum of byBudget.
 */
export interface GrantReport {
  source: FundingSourceView;
  period: { from: string; to: string };
  awardedCents: number;
  allocatedCents: number;
  reservedCents: number;
  chargedCents: number;
  chargedBeforePeriodCents: number;
  /** Neither spent nor held by the end of the period: the award less charges and reservations. */
  remainingCents: number;
  casesCharged: number;
  byBudget: GrantReportBudgetLine[];
}

const HEADER = [
  'line',
  'source_id',
  'source_name',
  'funder',
  'period_from',
  'period_to',
  'budget_id',
  'initiative_id',
  'partner_id',
  'category',
  'cost_per_case_cents',
  'budget_awarded_cents',
  'allocated_cents',
  'reserved_cents',
  'charged_cents',
  'charged_before_period_cents',
  'cases_charged',
  'awarded_cents',
  'remaining_cents',
];

/**
 * The report as one CSV table: a header, a `budget` line per budget and a `total` line (the only
 * one with awarded and remaining cents). Amounts are whole cents.
 */
export function grantReportCsv(report: GrantReport): string {
  const { source, period } = report;
  const about: CsvCell[] = [source.id, source.name, source.funder, period.from, period.to];
  const budgetLines = report.byBudget.map((line): CsvCell[] => [
    'budget',
    ...about,
    line.budgetId,
    line.initiativeId,
    line.partnerId,
    line.category,
    line.costPerCaseCents,
    line.budgetAwardedCents,
    line.allocatedCents,
    line.reservedCents,
    line.chargedCents,
    line.chargedBeforePeriodCents,
    line.casesCharged,
    null,
    null,
  ]);
  const total: CsvCell[] = [
    'total',
    ...about,
    null,
    null,
    null,
    null,
    null,
    null,
    report.allocatedCents,
    report.reservedCents,
    report.chargedCents,
    report.chargedBeforePeriodCents,
    report.casesCharged,
    report.awardedCents,
    report.remainingCents,
  ];
  return toCsv([HEADER, ...budgetLines, total]);
}
