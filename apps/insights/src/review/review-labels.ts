import { MeasureUnit, ReviewMeasure } from './review-measure';

/** What each measure is called on the printed review. */
const LABELS: Record<string, string> = {
  'offers-received': 'Referrals offered',
  'referrals-carried': 'Referrals carried (last offered to the partner)',
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
  'budget-awarded-cents': 'Budget awarded (as it stands)',
  'budget-reserved-cents': 'Budget reserved (as it stands)',
  'budget-charged-cents': 'Budget charged (as it stands)',
  'budget-available-cents': 'Budget available (as it stands)',
  'budget-utilisation': 'Budget used (as it stands)',
  'activities-attended': 'Activities attended',
  'trainings-attended': 'Trainings attended',
  attendees: 'People who attended',
  'trainings-held': 'Trainings held',
  'community-events-held': 'Community meetings and outreach events held',
  'feedback-answers': 'Feedback answers',
  'feedback-helped': 'Feedback: it helped',
  'feedback-respected': 'Feedback: I was treated with respect',
  'feedback-timely': 'Feedback: help came in time',
  'feedback-wouldCallAgain': 'Feedback: I would call again',
  'feedback-score': 'Feedback score (mean of the questions)',
};

/** The printed name of a measure; `declined:no-capacity` reads "Offers declined: no capacity". */
export function labelOf(measure: string): string {
  const [name, reason] = measure.split(':');
  const label = LABELS[name] ?? name;
  return reason === undefined ? label : `${label}: ${reason.replace(/-/g, ' ')}`;
}

const grouped = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A value as a reader expects it: shares as %, cents as dollars, minutes and scores rounded. */
export function formatValue(value: number | null, unit: MeasureUnit): string {
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

/** The change, signed: "+3", "−2.5 %" (percentage points for shares). */
export function formatChange(change: number | null, unit: MeasureUnit): string {
  if (change === null) return '—';
  if (change === 0) return '0';
  const sign = change > 0 ? '+' : '−';
  const magnitude = formatValue(Math.abs(change), unit);
  return unit === 'share' ? `${sign}${magnitude.replace(' %', ' pts')}` : `${sign}${magnitude}`;
}

/** "met", "not met" or "—", with the target as the reader sets it. */
export function formatTarget(measure: ReviewMeasure): { target: string; met: string } {
  if (!measure.target) return { target: '—', met: '—' };
  const { target, met } = measure.target;
  const perQuarter = /per-quarter$/.test(measure.target.kind) ? ' per quarter' : '';
  return {
    target: `${formatValue(target, measure.unit)}${perQuarter}`,
    met: met === null ? 'no figure' : met ? 'met' : 'not met',
  };
}
