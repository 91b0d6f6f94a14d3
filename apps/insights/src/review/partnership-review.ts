import {
  FEEDBACK_QUESTIONS,
  FeedbackQuestion,
  KpiTargetKind,
  KpiTargetV1,
} from '@concord/contracts';
import { KpiReport } from '../kpis/kpi-report';
import { OrganizationActivityFigures } from '../partnership/activity-figures';
import { FeedbackSummary } from '../partnership/feedback-cells';
import {
  BetterWhen,
  MeasureDefinition,
  measured,
  MeasuredTarget,
  ReviewMeasure,
  targetCheckOf,
  trendOf,
} from './review-measure';
import { ReviewPeriod, quarterPeriod } from './review-period';

/** What one partner's organisation did at the initiative's activities held in a period. */
export type PartnerActivityFigures = Omit<OrganizationActivityFigures, 'organizationId'>;

/** The initiative's activities held in a period (activityFigures' quarters, added up). */
export interface InitiativeActivityFigures {
  readonly trainingsHeld: number;
  /** Community meetings and outreach events. */
  readonly communityEventsHeld: number;
  /** Every organisation's people at every held activity. */
  readonly attendees: number;
}

/** Everything the review reads for one period. */
export interface PeriodFigures {
  /** Per partner: the KPI report of the initiative's referrals with the partner filter. */
  readonly partners: ReadonlyMap<string, { kpis: KpiReport; activities: PartnerActivityFigures }>;
  readonly activities: InitiativeActivityFigures;
  /** null when the period holds no whole quarter (answers are kept per quarter). */
  readonly feedback: FeedbackSummary | null;
}

/** A partner's agreements under the initiative (usually one). */
export interface ReviewAgreement {
  readonly partnerId: string;
  /** The organisation's name as its last organization.* event had it; null if not seen. */
  readonly partnerName: string | null;
  readonly agreementIds: readonly string[];
  /** The latest agreement's status as its last event had it; null when only offers name it. */
  readonly status: string | null;
}

export interface ReviewInputs {
  readonly initiativeId: string;
  readonly initiativeName: string | null;
  readonly targets: readonly KpiTargetV1[];
  readonly agreements: readonly ReviewAgreement[];
  readonly period: ReviewPeriod;
  readonly previousPeriod: ReviewPeriod;
  readonly current: PeriodFigures;
  readonly previous: PeriodFigures;
}

export interface AgreementReview extends ReviewAgreement {
  readonly measures: readonly ReviewMeasure[];
}

/** The partnership review of an initiative for a period; docs/insights.md defines each figure. */
export interface PartnershipReview {
  readonly initiativeId: string;
  readonly initiativeName: string | null;
  readonly period: ReviewPeriod;
  readonly previousPeriod: ReviewPeriod;
  /** Every target of the initiative; only those with a kind are checked. */
  readonly targets: readonly KpiTargetV1[];
  /** Figures of the initiative as a whole: its activities and the community's feedback. */
  readonly initiative: { readonly measures: readonly ReviewMeasure[] };
  readonly agreements: readonly AgreementReview[];
}

const count = (betterWhen: BetterWhen = null): MeasureDefinition => ({ unit: 'count', betterWhen });
const cents: MeasureDefinition = { unit: 'cents', betterWhen: null };

/** The figures of each agreement, in the order they are shown. */
export const AGREEMENT_MEASURES = {
  'offers-received': count(),
  'referrals-carried': count(),
  'offers-accepted': count(),
  'acceptance-rate': measured('share', 'acceptance-rate'),
  'minutes-to-accept-p50': measured('minutes', 'median-minutes-to-accept'),
  'minutes-to-accept-p90': { unit: 'minutes', betterWhen: 'at-most' },
  'completed-successful': count(),
  'completed-unsuccessful': count(),
  'outcome-recorded-share': measured('share', 'outcome-recorded-share'),
  declined: count(),
  'charged-cents': cents,
  'cost-per-completed-case-cents': measured('cents', 'cost-per-completed-case-cents'),
  'budget-awarded-cents': cents,
  'budget-reserved-cents': cents,
  'budget-charged-cents': cents,
  'budget-available-cents': cents,
  'budget-utilisation': { unit: 'share', betterWhen: null },
  'activities-attended': count(),
  'trainings-attended': count(),
  attendees: count(),
} satisfies Record<string, MeasureDefinition>;

/** The figures of the initiative as a whole. */
export const INITIATIVE_MEASURES = {
  'trainings-held': measured('count', 'trainings-per-quarter'),
  'community-events-held': count(),
  attendees: measured('count', 'attendance-per-quarter'),
  'feedback-answers': count(),
  ...Object.fromEntries(
    FEEDBACK_QUESTIONS.map((question) => [
      `feedback-${question}`,
      { unit: 'score', betterWhen: 'at-least' } satisfies MeasureDefinition,
    ]),
  ),
  'feedback-score': measured('score', 'feedback-score'),
} satisfies Record<string, MeasureDefinition>;

/** Kinds whose target is per quarter: the figure is divided by the period's quarters. */
const PER_QUARTER: readonly KpiTargetKind[] = ['trainings-per-quarter', 'attendance-per-quarter'];

/** How many quarters the period is, when it is whole quarters and nothing else; else null. */
function quarterCountOf(period: ReviewPeriod): number | null {
  const { quarters } = period;
  if (quarters.length === 0) return null;
  const first = quarterPeriod(quarters[0]);
  const last = quarterPeriod(quarters[quarters.length - 1]);
  return first.from === period.from && last.to === period.to ? quarters.length : null;
}

const minutes = (seconds: number | null): number | null => (seconds === null ? null : seconds / 60);

type Values = Record<string, number | null>;

/** The first target of each kind. */
function measuredTargets(targets: readonly KpiTargetV1[]): Map<KpiTargetKind, MeasuredTarget> {
  const byKind = new Map<KpiTargetKind, MeasuredTarget>();
  for (const { kind, target } of targets) {
    if (kind !== undefined && !byKind.has(kind)) byKind.set(kind, { kind, target });
  }
  return byKind;
}

/**
 * The measures in `definitions` order, each followed by its counts by reason (`declined:<reason>`,
 * …) of either period in name order; each with its trend and, where the initiative set one, its
 * target.
 */
function measuresOf(
  definitions: Record<string, MeasureDefinition>,
  current: Values,
  previous: Values,
  targets: Map<KpiTargetKind, MeasuredTarget>,
  quarters: number | null,
): ReviewMeasure[] {
  const byReason = [...new Set([...Object.keys(current), ...Object.keys(previous)])]
    .filter((name) => name.includes(':'))
    .sort();
  const names = Object.keys(definitions).flatMap((name) => [
    name,
    ...byReason.filter((reason) => reason.startsWith(`${name}:`)),
  ]);
  return names.map((measure) => {
    const definition = definitions[measure] ?? count();
    const value = current[measure] ?? (measure.includes(':') ? 0 : null);
    const before = previous[measure] ?? (measure.includes(':') ? 0 : null);
    const target = definition.kind === undefined ? undefined : targets.get(definition.kind);
    const actual = (): number | null => {
      if (!target || !PER_QUARTER.includes(target.kind)) return value;
      return value === null || quarters === null ? null : value / quarters;
    };
    return {
      measure,
      unit: definition.unit,
      value,
      trend: trendOf(value, before, definition.betterWhen),
      target: target ? targetCheckOf(target, actual()) : null,
    };
  });
}

const withPrefix = (prefix: string, counts: Record<string, number>): Values =>
  Object.fromEntries(Object.entries(counts).map(([reason, n]) => [`${prefix}:${reason}`, n]));

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** The values of an agreement's measures in one period; budgets only for the current one. */
function agreementValues(
  figures: { kpis: KpiReport; activities: PartnerActivityFigures } | undefined,
  withBudgets: boolean,
): Values {
  if (!figures) return {};
  const { kpis, activities } = figures;
  const budgets = kpis.budgets;
  const awarded = sum(budgets.map((budget) => budget.awardedCents));
  const available = sum(budgets.map((budget) => budget.availableCents));
  return {
    'offers-received': kpis.offers.made,
    'referrals-carried': kpis.referrals.submitted,
    'offers-accepted': kpis.offers.accepted,
    'acceptance-rate': kpis.acceptanceRate,
    'minutes-to-accept-p50': minutes(kpis.timeToAcceptSeconds.p50),
    'minutes-to-accept-p90': minutes(kpis.timeToAcceptSeconds.p90),
    'completed-successful': kpis.referrals.completed.successful,
    'completed-unsuccessful': kpis.referrals.completed.unsuccessful,
    ...withPrefix('completed-unsuccessful', kpis.referrals.completed.unsuccessfulByReason),
    'outcome-recorded-share': kpis.outcomeRecordedShare,
    declined: kpis.offers.declined,
    ...withPrefix('declined', kpis.offers.declinedByReason),
    'charged-cents': kpis.chargedCents,
    'cost-per-completed-case-cents': kpis.costPerCompletedCaseCents,
    ...(withBudgets
      ? {
          'budget-awarded-cents': awarded,
          'budget-reserved-cents': sum(budgets.map((budget) => budget.reservedCents)),
          'budget-charged-cents': sum(budgets.map((budget) => budget.chargedCents)),
          'budget-available-cents': available,
          'budget-utilisation': awarded > 0 ? (awarded - available) / awarded : null,
        }
      : {}),
    'activities-attended': activities.activitiesAttended,
    'trainings-attended': activities.trainingsAttended,
    attendees: activities.attendees,
  };
}

/** The mean of the questions' means (each question weighs the same), 2 decimals as they are. */
function overallScore(means: Readonly<Record<FeedbackQuestion, number | null>>): number | null {
  const scored = Object.values(means).filter((mean): mean is number => mean !== null);
  return scored.length === 0 ? null : Math.round((sum(scored) / scored.length) * 100) / 100;
}

function initiativeValues(figures: PeriodFigures): Values {
  const { activities, feedback } = figures;
  const shown = feedback !== null && !feedback.suppressed ? feedback : null;
  return {
    'trainings-held': activities.trainingsHeld,
    'community-events-held': activities.communityEventsHeld,
    attendees: activities.attendees,
    'feedback-answers': shown?.answers ?? null,
    ...Object.fromEntries(
      FEEDBACK_QUESTIONS.map((question) => [
        `feedback-${question}`,
        shown?.means[question] ?? null,
      ]),
    ),
    'feedback-score': shown ? overallScore(shown.means) : null,
  };
}

/**
 * The review from what was read: per agreement its referral figures (the KPI report with the
 * partner filter), budgets as they stand, and its people at the activities; for the initiative its
 * activities and feedback; every figure with its trend from the previous period and its target.
 */
export function assemblePartnershipReview(inputs: ReviewInputs): PartnershipReview {
  const targets = measuredTargets(inputs.targets);
  const quarters = quarterCountOf(inputs.period);
  return {
    initiativeId: inputs.initiativeId,
    initiativeName: inputs.initiativeName,
    period: inputs.period,
    previousPeriod: inputs.previousPeriod,
    targets: inputs.targets,
    initiative: {
      measures: measuresOf(
        INITIATIVE_MEASURES,
        initiativeValues(inputs.current),
        initiativeValues(inputs.previous),
        targets,
        quarters,
      ),
    },
    agreements: inputs.agreements.map((agreement) => ({
      ...agreement,
      measures: measuresOf(
        AGREEMENT_MEASURES,
        agreementValues(inputs.current.partners.get(agreement.partnerId), true),
        agreementValues(inputs.previous.partners.get(agreement.partnerId), false),
        targets,
        quarters,
      ),
    })),
  };
}
