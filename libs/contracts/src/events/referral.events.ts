import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  DECLINE_REASONS,
  DeclineReason,
  Outcome,
  OUTCOMES,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  RULED_OUT_REASONS,
  RuledOutReason,
  UNSUCCESSFUL_REASONS,
  UnsuccessfulReason,
  URGENCIES,
  Urgency,
  WITHDRAWAL_REASONS,
  WithdrawalReason,
} from '../vocabulary';

/** Referral events carry ids, categories, times and a coarse area code; never the person. */
export class ReferralSubmittedV1 {
  @IsUUID() referralId: string;
  @IsUUID() agencyId: string;
  @IsString() @MaxLength(64) incidentReference: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsIn(URGENCIES) urgency: Urgency;
  /** A coarse area code (a geohash of at most 5 characters, about 5 km), never the address. */
  @Matches(/^[0-9b-hjkmnp-z]{1,5}$/) areaCode: string;
  @IsISO8601({ strict: true }) submittedAt: string;
}

export class ReferralAssignedV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsUUID() serviceId: string;
  @IsUUID() agreementId: string;
  @IsUUID() initiativeId: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsIn(URGENCIES) urgency: Urgency;
  @IsInt() @Min(1) attempt: number;
  @IsISO8601({ strict: true }) acceptBy: string;
}

/** One partner the engine ruled out, with every reason that applied. */
export class RuledOutPartnerV1 {
  @IsUUID() partnerId: string;
  @ArrayNotEmpty() @IsIn(RULED_OUT_REASONS, { each: true }) reasons: RuledOutReason[];
}

export class ReferralUnassignableV1 {
  @IsUUID() referralId: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsInt() @Min(1) attempt: number;
  /** Every known partner and why it could not take the referral; empty if there are none. */
  @ValidateNested({ each: true }) @Type(() => RuledOutPartnerV1) ruledOut: RuledOutPartnerV1[];
}

export class ReferralAcceptedV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsISO8601({ strict: true }) acceptedAt: string;
}

export class ReferralDeclinedV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsIn(DECLINE_REASONS) reason: DeclineReason;
}

export class ReferralOfferExpiredV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
}

export class ReferralOfferWithdrawnV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsIn(WITHDRAWAL_REASONS) reason: WithdrawalReason;
}

export class ReferralInProgressV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsISO8601({ strict: true }) contactedAt: string;
}

export class ReferralCompletedV1 {
  @IsUUID() referralId: string;
  @IsUUID() partnerId: string;
  @IsIn(OUTCOMES) outcome: Outcome;
  @IsOptional() @IsIn(UNSUCCESSFUL_REASONS) unsuccessfulReason?: UnsuccessfulReason;
  @IsISO8601({ strict: true }) completedAt: string;
}

export class ReferralCancelledV1 {
  @IsUUID() referralId: string;
  @IsOptional() @IsUUID() partnerId?: string;
}

const byReferral = (payload: { referralId: string }): string => payload.referralId;
const topic = Topics.referrals;

export const ReferralEvents = {
  submitted: defineEvent({
    name: 'referral.submitted',
    version: 1,
    topic,
    payload: ReferralSubmittedV1,
    key: byReferral,
    summary: 'Dispatch handed a call to Concord; the referral waits for assignment.',
  }),
  assigned: defineEvent({
    name: 'referral.assigned',
    version: 1,
    topic,
    payload: ReferralAssignedV1,
    key: byReferral,
    summary: 'The assignment engine offered the referral to a partner, to accept by a deadline.',
  }),
  unassignable: defineEvent({
    name: 'referral.unassignable',
    version: 1,
    topic,
    payload: ReferralUnassignableV1,
    key: byReferral,
    summary: 'No partner is eligible; the reasons go to an administrator queue.',
  }),
  accepted: defineEvent({
    name: 'referral.accepted',
    version: 1,
    topic,
    payload: ReferralAcceptedV1,
    key: byReferral,
    summary: 'The partner accepted the referral.',
  }),
  declined: defineEvent({
    name: 'referral.declined',
    version: 1,
    topic,
    payload: ReferralDeclinedV1,
    key: byReferral,
    summary: 'The partner declined the offer; the referral is re-routed.',
  }),
  offerExpired: defineEvent({
    name: 'referral.offer-expired',
    version: 1,
    topic,
    payload: ReferralOfferExpiredV1,
    key: byReferral,
    summary: 'The partner did not answer by the deadline; the referral is re-routed.',
  }),
  offerWithdrawn: defineEvent({
    name: 'referral.offer-withdrawn',
    version: 1,
    topic,
    payload: ReferralOfferWithdrawnV1,
    key: byReferral,
    summary: 'The agreement behind an open offer left force; the referral is re-routed.',
  }),
  inProgress: defineEvent({
    name: 'referral.in-progress',
    version: 1,
    topic,
    payload: ReferralInProgressV1,
    key: byReferral,
    summary: 'The partner recorded contact with the person.',
  }),
  completed: defineEvent({
    name: 'referral.completed',
    version: 1,
    topic,
    payload: ReferralCompletedV1,
    key: byReferral,
    summary: 'The partner reported the outcome: the loop is closed.',
  }),
  cancelled: defineEvent({
    name: 'referral.cancelled',
    version: 1,
    topic,
    payload: ReferralCancelledV1,
    key: byReferral,
    summary: 'Dispatch cancelled the referral.',
  }),
};
