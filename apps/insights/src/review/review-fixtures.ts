import { deriveKpis, KpiCounts, KpiReport } from '../kpis/kpi-report';
import { PeriodFigures, ReviewInputs } from './partnership-review';
import { previousPeriod, quarterPeriod, ReviewPeriod } from './review-period';

/** Test data for the review's pure modules. */
export const PARTNER = '00000000-0000-4000-8000-00000000000a';
export const AGREEMENT = '00000000-0000-4000-8000-00000000000b';
export const INITIATIVE = '00000000-0000-4000-8000-00000000000c';

export function kpisOf(overrides: Partial<KpiCounts> = {}): KpiReport {
  const counts: KpiCounts = {
    referrals: {
      submitted: 10,
      assigned: 10,
      unassignable: 0,
      accepted: 8,
      unfunded: 0,
      cancelled: 0,
      successful: 6,
      unsuccessful: 2,
      unsuccessfulByReason: { 'unable-to-contact': 2 },
    },
    offers: {
      made: 12,
      open: 0,
      accepted: 8,
      declined: 2,
      declinedByReason: { 'no-capacity': 2 },
      expired: 2,
      withdrawn: 0,
      cancelled: 0,
    },
    timeToAssignSeconds: { count: 10, p50: 60, p90: 120 },
    timeToAcceptSeconds: { count: 8, p50: 1800, p90: 5400 },
    chargedCents: 400_000,
    ...overrides,
  };
  return deriveKpis({}, counts, [
    {
      budgetId: '00000000-0000-4000-8000-0000000000d1',
      initiativeId: INITIATIVE,
      partnerId: PARTNER,
      category: null,
      awardedCents: 1_000_000,
      reservedCents: 50_000,
      chargedCents: 400_000,
      availableCents: 550_000,
      utilisation: 0.45,
      asOf: '2026-12-01T00:00:00.000Z',
      source: 'funding.charged',
    },
  ]);
}

export function periodFigures(
  kpis: KpiReport,
  overrides: Partial<PeriodFigures> = {},
): PeriodFigures {
  return {
    partners: new Map([
      [
        PARTNER,
        { kpis, activities: { activitiesAttended: 2, trainingsAttended: 1, attendees: 9 } },
      ],
    ]),
    activities: { trainingsHeld: 3, communityEventsHeld: 1, attendees: 40 },
    feedback: {
      suppressed: false,
      answers: 12,
      means: { helped: 4.5, respected: 4, timely: 3.5, wouldCallAgain: null },
    },
    ...overrides,
  };
}

export function reviewInputs(overrides: Partial<ReviewInputs> = {}): ReviewInputs {
  const period: ReviewPeriod = overrides.period ?? quarterPeriod('2026-Q4');
  return {
    initiativeId: INITIATIVE,
    initiativeName: 'Crisis response',
    targets: [
      { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.75 },
      { kind: 'median-minutes-to-accept', metric: 'Minutes to accept', target: 20 },
      { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 2 },
      { kind: 'feedback-score', metric: 'Community score', target: 4 },
      { metric: 'Press coverage', target: 1 },
    ],
    agreements: [
      {
        partnerId: PARTNER,
        partnerName: 'Harbor House',
        agreementIds: [AGREEMENT],
        status: 'active',
      },
    ],
    period,
    previousPeriod: previousPeriod(period),
    current: periodFigures(kpisOf()),
    previous: periodFigures(
      kpisOf({
        offers: {
          ...kpisOf().offers,
          accepted: 6,
          declined: 4,
          declinedByReason: { 'out-of-area': 4 },
        },
        timeToAcceptSeconds: { count: 6, p50: 900, p90: 3600 },
      }),
      { activities: { trainingsHeld: 1, communityEventsHeld: 1, attendees: 10 } },
    ),
    ...overrides,
  };
}
