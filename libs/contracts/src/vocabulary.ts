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
