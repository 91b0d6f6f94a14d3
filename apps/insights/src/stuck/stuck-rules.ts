import { InsightsConfig } from '../insights.config';

/** The states of a referral that is neither completed nor cancelled. */
export const OPEN_STATES = [
  'awaiting-assignment',
  'unassignable',
  'offered',
  'accepted',
  'in-progress',
] as const;
export type OpenState = (typeof OPEN_STATES)[number];

/** How long each open state may last before the referral counts as stuck, in seconds. */
export interface StuckLimits {
  /** After the offer's acceptBy deadline. */
  offerGraceSeconds: number;
  /** Awaiting assignment or unassignable, since submission or the latest re-route. */
  unassignedSeconds: number;
  /** Accepted, no contact recorded, since acceptance. */
  noContactSeconds: number;
  /** In progress, no outcome, since contact. */
  noOutcomeSeconds: number;
}

export function stuckLimitsOf(config: InsightsConfig): StuckLimits {
  return {
    offerGraceSeconds: config.INSIGHTS_STUCK_OFFER_GRACE_MINUTES * 60,
    unassignedSeconds: config.INSIGHTS_STUCK_UNASSIGNED_MINUTES * 60,
    noContactSeconds: config.INSIGHTS_STUCK_NO_CONTACT_HOURS * 60 * 60,
    noOutcomeSeconds: config.INSIGHTS_STUCK_NO_OUTCOME_DAYS * 24 * 60 * 60,
  };
}

/** The rule a referral in each state breaks when it stays there too long. */
export const STUCK_RULES: Record<OpenState, string> = {
  'awaiting-assignment': 'no-assignment',
  unassignable: 'no-assignment',
  offered: 'offer-past-deadline',
  accepted: 'no-contact',
  'in-progress': 'no-outcome',
};

/**
 * The rule of an unfunded case (accepted, then funding rejected the offer's reservation): stuck
 * from the moment it is known, in any open state, until an administrator settles it.
 */
export const UNFUNDED_RULE = 'unfunded';
