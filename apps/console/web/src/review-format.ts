import { KPI_TARGET_DIRECTIONS, KpiTargetKind } from './vocabulary';

/** The partnership review's answer (insights `GET /initiatives/{id}/review`) and how it reads. */

export type MeasureUnit = 'count' | 'share' | 'minutes' | 'cents' | 'score';

export interface ReviewMeasure {
  /** e.g. `acceptance-rate`, `declined:no-capacity`. */
  measure: string;
  unit: MeasureUnit;
  value: number | null;
  trend: {
    previous: number | null;
    change: number | null;
    direction: 'better' | 'worse' | 'same' | null;
  };
  target: { kind: string; target: number; actual: number | null; met: boolean | null } | null;
}

export interface ReviewPeriod {
  /** `2026-Q4`, or `2026-10-01..2026-11-15`. */
  label: string;
  from: string;
  to: string;
  quarters: string[];
}

export interface PartnershipReview {
  initiativeId: string;
  initiativeName: string | null;
  period: ReviewPeriod;
  previousPeriod: ReviewPeriod;
  initiative: { measures: ReviewMeasure[] };
  agreements: {
    partnerId: string;
    partnerName: string | null;
    agreementIds: string[];
    status: string | null;
    measures: ReviewMeasure[];
  }[];
}

const LABELS: Record<string, string> = {
  'offers-received': 'Referrals offered',
  'referrals-carried': 'Referrals carried',
  'offers-accepted': 'Offers accepted',
  'acceptance-rate': 'Acceptance rate',
  'minutes-to-accept-p50': 'Time to accept, median',
  'minutes-to-accept-p90': 'Time to accept, 90th percentile',
  'completed-successful': 'Completed successfully',
  'completed-unsuccessful': 'Completed unsuccessfully',
  'outcome-recorded-share': 'Share with an outcome recorded',
  declined: 'Offers declined',
  'charged-cents': 'Charged',
  'cost-per-completed-case-cents': 'Cost per completed case',
  'budget-awarded-cents': 'Budget awarded (now)',
  'budget-reserved-cents': 'Budget reserved (now)',
  'budget-charged-cents': 'Budget charged (now)',
  'budget-available-cents': 'Budget available (now)',
  'budget-utilisation': 'Budget used (now)',
  'activities-attended': 'Activities attended',
  'trainings-attended': 'Trainings attended',
  attendees: 'People who attended',
  'trainings-held': 'Trainings held',
  'community-events-held': 'Community meetings and outreach events held',
  'feedback-answers': 'Feedback answers',
  'feedback-helped': 'Feedback: it helped',
  'feedback-respected': 'Feedback: treated with respect',
  'feedback-timely': 'Feedback: help came in time',
  'feedback-wouldCallAgain': 'Feedback: would call again',
  'feedback-score': 'Feedback score (mean of the questions)',
};

/** `declined:no-capacity` reads "Offers declined: no capacity". */
export function measureLabel(measure: string): string {
  const [name, reason] = measure.split(':');
  const text = LABELS[name] ?? name.replaceAll('-', ' ');
  return reason === undefined ? text : `${text}: ${reason.replaceAll('-', ' ')}`;
}

const grouped = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Shares as %, cents as dollars, minutes and scores rounded; "—" for no figure. */
export function measureValue(value: number | null, unit: MeasureUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'share':
      return `${grouped(value * 100, 1)} %`;
    case 'cents':
      return `${value < 0 ? '−' : ''}$${grouped(Math.abs(value) / 100, 2)}`;
    case 'minutes':
      return `${grouped(value, 1)} min`;
    case 'score':
      return grouped(value, 2);
    case 'count':
      return grouped(value, Number.isInteger(value) ? 0 : 2);
  }
}

/** "+3", "−2.5 pts" (percentage points for shares). */
export function measureChange(change: number | null, unit: MeasureUnit): string {
  if (change === null) return '—';
  if (change === 0) return '0';
  const sign = change > 0 ? '+' : '−';
  const magnitude = measureValue(Math.abs(change), unit);
  return unit === 'share' ? `${sign}${magnitude.replace(' %', ' pts')}` : `${sign}${magnitude}`;
}

export function measureTarget(measure: ReviewMeasure): string {
  if (!measure.target) return '—';
  const perQuarter = measure.target.kind.endsWith('-per-quarter') ? ' a quarter' : '';
  const atMost =
    Object.hasOwn(KPI_TARGET_DIRECTIONS, measure.target.kind) &&
    KPI_TARGET_DIRECTIONS[measure.target.kind as KpiTargetKind] === 'at-most';
  return `${atMost ? 'at most' : 'at least'} ${measureValue(measure.target.target, measure.unit)}${perQuarter}`;
}
