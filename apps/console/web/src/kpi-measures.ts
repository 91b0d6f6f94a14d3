import { KpiReport } from './admin-types';
import { money } from './directory';

/**
 * The KPI targets the console can measure: the metric names an initiative's targets use, the
 * figure of GET /kpis each is read from (in the target's unit), and which way is better.
 */
export const MEASURES: Record<
  string,
  { name: string; of: (kpis: KpiReport) => number | null; better: 'lower' | 'higher'; unit: string }
> = {
  'median-minutes-to-assign': {
    name: 'Median time to assign',
    of: (kpis) => minutes(kpis.timeToAssignSeconds.p50),
    better: 'lower',
    unit: 'min',
  },
  'median-minutes-to-accept': {
    name: 'Median time to accept',
    of: (kpis) => minutes(kpis.timeToAcceptSeconds.p50),
    better: 'lower',
    unit: 'min',
  },
  'acceptance-rate': {
    name: 'Acceptance rate',
    of: (kpis) => hundred(kpis.acceptanceRate),
    better: 'higher',
    unit: '%',
  },
  'outcome-recorded-share': {
    name: 'Referrals with an outcome',
    of: (kpis) => hundred(kpis.outcomeRecordedShare),
    better: 'higher',
    unit: '%',
  },
  'cost-per-completed-case-cents': {
    name: 'Cost per completed case',
    of: (kpis) => kpis.costPerCompletedCaseCents,
    better: 'lower',
    unit: 'cents',
  },
  'completed-cases': {
    name: 'Completed cases',
    of: (kpis) => kpis.referrals.completed.total,
    better: 'higher',
    unit: 'cases',
  },
};
const minutes = (seconds: number | null) => (seconds === null ? null : seconds / 60);
const hundred = (share: number | null) => (share === null ? null : share * 100);

export function shown(value: number, unit: string): string {
  if (unit === 'cents') return money(value);
  if (unit === '%') return `${Math.round(value * 10) / 10} %`;
  return `${Math.round(value * 10) / 10} ${unit}`;
}

/** The measure of a target's metric name, if Concord measures it (never an Object built-in). */
export const measureOf = (metric: string) =>
  Object.hasOwn(MEASURES, metric) ? MEASURES[metric] : undefined;
