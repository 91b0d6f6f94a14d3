import { KpiQuery } from './kpi.dto';

/**
 * p50 and p90 of a duration in seconds over `count` referrals: percentile_cont (linear
 * interpolation) over the durations as 1 %-wide histogram buckets hold them, so within 1 % + 1 ms
 * of the exact figure (duration-histogram.ts).
 */
export interface DurationPercentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface BudgetUtilisation {
  budgetId: string;
  initiativeId: string;
  partnerId: string;
  category: string | null;
  /** Every allocation: the largest award a budget.* event carried (it only grows). */
  awardedCents: number;
  /** Held for offered cases: Σ funding.reserved − Σ funding.released − Σ funding.charged. */
  reservedCents: number;
  /** Spent on accepted cases: Σ funding.charged. */
  chargedCents: number;
  /** awarded − reserved − charged, as funding's ledger derives it. */
  availableCents: number;
  /** (awarded − available) ÷ awarded; null when nothing is awarded. */
  utilisation: number | null;
  /** The time of the latest of the budget's events the figures come from. */
  asOf: string;
  /** The type of that event (funding.charged, budget.topped-up, …). */
  source: string;
}

/** The KPIs of the referrals in scope; docs/insights.md defines each figure. */
export interface KpiReport {
  filters: KpiQuery;
  referrals: {
    submitted: number;
    assigned: number;
    unassignable: number;
    accepted: number;
    /**
     * Accepted before funding's rejection of the offer's reservation arrived: the case goes on
     * with nothing reserved or charged, for an administrator to settle.
     */
    unfunded: number;
    cancelled: number;
    completed: {
      total: number;
      successful: number;
      unsuccessful: number;
      unsuccessfulByReason: Record<string, number>;
    };
  };
  offers: {
    made: number;
    open: number;
    accepted: number;
    declined: number;
    declinedByReason: Record<string, number>;
    expired: number;
    withdrawn: number;
    /** Declined + expired + withdrawn: each sent the referral back to the engine. */
    rerouted: number;
    /** Ended because dispatch cancelled the referral while it was offered. */
    cancelled: number;
  };
  timeToAssignSeconds: DurationPercentiles;
  timeToAcceptSeconds: DurationPercentiles;
  acceptanceRate: number | null;
  outcomeRecordedShare: number | null;
  chargedCents: number;
  costPerCompletedCaseCents: number | null;
  budgets: BudgetUtilisation[];
}

/** A KPI report per partner or per category. */
export interface KpiBreakdown {
  by: 'partner' | 'category';
  groups: { key: string; kpis: KpiReport }[];
}

/** The counts the figures are derived from, as the SQL reads them. */
export interface KpiCounts {
  referrals: Omit<KpiReport['referrals'], 'completed'> & {
    successful: number;
    unsuccessful: number;
    unsuccessfulByReason: Record<string, number>;
  };
  offers: Omit<KpiReport['offers'], 'rerouted'>;
  timeToAssignSeconds: DurationPercentiles;
  timeToAcceptSeconds: DurationPercentiles;
  chargedCents: number;
}

/** `numerator ÷ denominator`, or null when the denominator is 0. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/** `chargedCents ÷ completed`, rounded to whole cents (halves up); null when nothing completed. */
export const costPerCase = (chargedCents: number, completed: number): number | null =>
  completed > 0 ? Math.round(chargedCents / completed) : null;

/** The report: the counts and the rates and averages derived from them. */
export function deriveKpis(
  filters: KpiQuery,
  counts: KpiCounts,
  budgets: BudgetUtilisation[],
): KpiReport {
  const { successful, unsuccessful, unsuccessfulByReason, ...referrals } = counts.referrals;
  const completed = successful + unsuccessful;
  const { offers } = counts;
  return {
    filters,
    referrals: {
      ...referrals,
      completed: { total: completed, successful, unsuccessful, unsuccessfulByReason },
    },
    offers: { ...offers, rerouted: offers.declined + offers.expired + offers.withdrawn },
    timeToAssignSeconds: counts.timeToAssignSeconds,
    timeToAcceptSeconds: counts.timeToAcceptSeconds,
    acceptanceRate: ratio(offers.accepted, offers.accepted + offers.declined + offers.expired),
    outcomeRecordedShare: ratio(completed, referrals.submitted - referrals.cancelled),
    chargedCents: counts.chargedCents,
    costPerCompletedCaseCents: costPerCase(counts.chargedCents, completed),
    budgets,
  };
}

/** (awarded − available) ÷ awarded; null for a budget with nothing awarded. */
export const utilisationOf = (awardedCents: number, availableCents: number): number | null =>
  ratio(awardedCents - availableCents, awardedCents);
