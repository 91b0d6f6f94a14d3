import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { REFERRAL_CATEGORIES, ReferralCategory } from '../vocabulary';

/** Money is integer cents throughout. */
export class BudgetStateV1 {
  @IsUUID() budgetId: string;
  @IsUUID() initiativeId: string;
  @IsUUID() partnerId: string;
  @IsOptional() @IsIn(REFERRAL_CATEGORIES) category?: ReferralCategory;
  @IsInt() @Min(0) awardedCents: number;
  @IsInt() availableCents: number;
  @IsInt() @Min(0) costPerCaseCents: number;
}

export class FundingReservationV1 {
  @IsUUID() budgetId: string;
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsInt() @Min(0) amountCents: number;
}

export const RELEASE_REASONS = [
  'declined',
  'offer-expired',
  'offer-withdrawn',
  'cancelled',
] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** A reservation given back: the offer ended without a case, or dispatch cancelled. */
export class FundingReleasedV1 {
  @IsUUID() budgetId: string;
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsInt() @Min(0) amountCents: number;
  @IsIn(RELEASE_REASONS) reason: ReleaseReason;
}

export class FundingReservationRejectedV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsOptional() @IsUUID() budgetId?: string;
  @IsIn(['no-budget', 'budget-exhausted']) reason: 'no-budget' | 'budget-exhausted';
}

const topic = Topics.funding;
const byBudget = (payload: { budgetId: string }): string => payload.budgetId;
const budgetState = (name: string, summary: string) =>
  defineEvent({ name, version: 1, topic, payload: BudgetStateV1, key: byBudget, summary });

export const FundingEvents = {
  budgetOpened: budgetState('budget.opened', 'A budget for an initiative and partner opened.'),
  thresholdReached: budgetState('budget.threshold-reached', '80 % of the budget is used.'),
  exhausted: budgetState('budget.exhausted', 'The budget cannot cover another case.'),
  replenished: budgetState('budget.replenished', 'An exhausted budget can cover cases again.'),
  toppedUp: budgetState(
    'budget.topped-up',
    'Money from a funding source was added to the budget (its award grows).',
  ),
  reserved: defineEvent({
    name: 'funding.reserved',
    version: 1,
    topic,
    payload: FundingReservationV1,
    key: byBudget,
    summary: 'The cost of an assigned case is reserved on the budget.',
  }),
  released: defineEvent({
    name: 'funding.released',
    version: 1,
    topic,
    payload: FundingReleasedV1,
    key: byBudget,
    summary: 'A reservation was given back to the budget (decline, expiry, withdrawal, cancel).',
  }),
  charged: defineEvent({
    name: 'funding.charged',
    version: 1,
    topic,
    payload: FundingReservationV1,
    key: byBudget,
    summary: 'The partner accepted: the reserved cost of the case is charged to the budget.',
  }),
  reservationRejected: defineEvent({
    name: 'funding.reservation-rejected',
    version: 1,
    topic,
    // Keyed by the referral: the referrals service re-routes it, in order with its other events.
    payload: FundingReservationRejectedV1,
    key: (payload) => payload.referralId,
    summary: 'The budget cannot cover an assignment; the referral is re-routed.',
  }),
};
