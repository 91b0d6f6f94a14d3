/** The fixed vocabularies that several services and events share. */

/** The referral and service category taxonomy. */
export const REFERRAL_CATEGORIES = [
  'mental-health-crisis',
  'homelessness',
  'substance-use',
  'youth',
  'domestic-violence',
  'welfare-check',
  'neighbourhood-dispute',
] as const;
export type ReferralCategory = (typeof REFERRAL_CATEGORIES)[number];

export const URGENCIES = ['immediate', 'same-day', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** How the person would like the partner to reach them. */
export const CONTACT_PREFERENCES = [
  'phone',
  'text-message',
  'in-person',
  'through-dispatch',
] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

/** How dispatch obtained the person's consent to share their details. */
export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;

export const DECLINE_REASONS = [
  'no-capacity',
  'outside-service-area',
  'not-eligible',
  'safety-concern',
  'duplicate',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const OUTCOMES = ['successful', 'unsuccessful'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const UNSUCCESSFUL_REASONS = [
  'unable-to-contact',
  'refused-services',
  'no-capacity',
  'services-no-longer-needed',
  'other',
] as const;
export type UnsuccessfulReason = (typeof UNSUCCESSFUL_REASONS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The referral fields that an agreement's data-sharing terms can let a partner see. Everything
 * else a partner sees (id, category, urgency, status, area code, times) is not personal.
 */
export const SHAREABLE_REFERRAL_FIELDS = [
  'incidentReference',
  'person.name',
  'person.age',
  'person.phone',
  'person.language',
  'contactPreference',
  'location.address',
  'location.point',
  'consent',
  'narrative',
] as const;
export type ShareableReferralField = (typeof SHAREABLE_REFERRAL_FIELDS)[number];

export const AGREEMENT_STATUSES = [
  'draft',
  'active',
  'suspended',
  'terminated',
  'expired',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Why the assignment engine ruled a partner out for a referral (its decision trace). */
export const RULED_OUT_REASONS = [
  'no-service-for-category',
  'outside-service-area',
  'person-not-eligible',
  'closed-now',
  'at-capacity',
  'no-agreement',
  'agreement-not-in-force',
  'agreement-does-not-cover-category',
  'budget-exhausted',
  'declined-before',
  'missed-deadline-before',
  'withdrawn-before',
] as const;
export type RuledOutReason = (typeof RULED_OUT_REASONS)[number];

/**
 * How many partners were ruled out for each reason (one ruled out for several counts once under
 * each): what a dispatcher is told of the partners it did not get, instead of who they were.
 */
export function countByReason(
  ruledOut: readonly { readonly reasons: readonly RuledOutReason[] }[],
): Partial<Record<RuledOutReason, number>> {
  const counts: Partial<Record<RuledOutReason, number>> = {};
  for (const { reasons } of ruledOut) {
    for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

/** Why an offer was taken back from a partner before it answered. */
export const WITHDRAWAL_REASONS = [
  'budget-rejected',
  'agreement-suspended',
  'agreement-terminated',
  'agreement-expired',
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** What kind of organisation takes part in a programme. */
export const ORGANIZATION_TYPES = [
  'police-agency',
  'mental-health-provider',
  'youth-organization',
  'neighbourhood-association',
  'advocacy-group',
  'housing',
  'substance-use',
  'domestic-violence-service',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Where a funding source's money comes from. */
export const FUNDING_SOURCE_KINDS = [
  'federal-grant',
  'state-programme',
  'city-budget',
  'foundation',
  'other',
] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCE_KINDS)[number];

/** What kind of joint activity an initiative holds besides referrals. */
export const ACTIVITY_KINDS = ['training', 'community-meeting', 'outreach-event'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What a joint training or community event is about; `other` takes the activity's free text. */
export const ACTIVITY_TOPICS = [
  'community-dynamics',
  'cultural-sensitivity',
  'crisis-de-escalation',
  'local-issues',
  'mental-health',
  'substance-use',
  'homelessness',
  'youth',
  'domestic-violence',
  'other',
] as const;
export type ActivityTopic = (typeof ACTIVITY_TOPICS)[number];

/** Planned until it is held (attendance recorded) or cancelled. */
export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** The community survey's fixed questions, each answered from 1 (not at all) to 5 (completely). */
export const FEEDBACK_QUESTIONS = ['helped', 'respected', 'timely', 'wouldCallAgain'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];

/**
 * The KPI targets an initiative can set that Concord measures itself, and which way is better.
 * A target without a kind is kept and shown, but not measured.
 */
export const KPI_TARGET_DIRECTIONS = {
  /** Offers accepted ÷ offers answered or expired (0–1). */
  'acceptance-rate': 'at-least',
  /** Median minutes from the offer that was accepted to its acceptance (GET /kpis' time to accept). */
  'median-minutes-to-accept': 'at-most',
  /** Charged cents ÷ completed cases. */
  'cost-per-completed-case-cents': 'at-most',
  /** Completed cases ÷ cases not cancelled (0–1). */
  'outcome-recorded-share': 'at-least',
  /** Trainings held per quarter. */
  'trainings-per-quarter': 'at-least',
  /** People who attended the initiative's activities per quarter, all organisations. */
  'attendance-per-quarter': 'at-least',
  /** The mean community feedback score over every question (1–5). */
  'feedback-score': 'at-least',
} as const;
export type KpiTargetKind = keyof typeof KPI_TARGET_DIRECTIONS;
export const KPI_TARGET_KINDS = Object.keys(KPI_TARGET_DIRECTIONS) as KpiTargetKind[];
