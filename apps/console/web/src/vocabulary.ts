/** The fixed lists the API accepts, from the contracts library: one source for both. */
export {
  ACTIVITY_KINDS,
  ACTIVITY_TOPICS,
  CONSENT_METHODS,
  CONTACT_PREFERENCES,
  DECLINE_REASONS,
  FUNDING_SOURCE_KINDS,
  KPI_TARGET_DIRECTIONS,
  ORGANIZATION_TYPES,
  OUTCOMES,
  REFERRAL_CATEGORIES,
  SHAREABLE_REFERRAL_FIELDS,
  UNSUCCESSFUL_REASONS,
  URGENCIES,
  WEEKDAYS,
} from '../../../../libs/contracts/src/vocabulary';
export type {
  DeclineReason,
  KpiTargetKind,
  ReferralCategory,
  UnsuccessfulReason,
  Urgency,
} from '../../../../libs/contracts/src/vocabulary';

/** A vocabulary word as a person reads it: "mental-health-crisis" → "Mental health crisis". */
export function label(word: string): string {
  const spaced = word.replaceAll('-', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
