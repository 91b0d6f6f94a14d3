import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  AGREEMENT_STATUSES,
  AgreementStatus,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  SHAREABLE_REFERRAL_FIELDS,
  ShareableReferralField,
} from '../vocabulary';

const A_WEEK_IN_MINUTES = 7 * 24 * 60;

/** How long the partner has to accept an offer, in minutes, for each urgency. */
export class ResponseDeadlinesV1 {
  @IsInt() @Min(1) @Max(A_WEEK_IN_MINUTES) immediate: number;
  @IsInt() @Min(1) @Max(A_WEEK_IN_MINUTES) 'same-day': number;
  @IsInt() @Min(1) @Max(A_WEEK_IN_MINUTES) routine: number;
}

/**
 * The agreement makes the partner a lawful holder of substance-use disorder records under
 * 42 CFR Part 2: it may receive a substance-use referral's identifying details, and only with the
 * person's written consent on record (§2.31, §2.33). The notice goes with every such disclosure
 * (§2.32).
 */
export class Part2TermsV1 {
  @IsString() @MinLength(20) @MaxLength(2000) redisclosureNotice: string;
}

/**
 * The terms of an agreement (MOU) in force after a change, with its status: enough for the
 * assignment engine to route under it and for the referrals API to apply its data-sharing terms.
 */
export class AgreementSnapshotV1 {
  @IsUUID() agreementId: string;
  @IsUUID() agencyId: string;
  @IsUUID() partnerId: string;
  @IsUUID() initiativeId: string;
  @IsInt() @Min(1) version: number;
  @IsIn(AGREEMENT_STATUSES) status: AgreementStatus;
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  categories: ReferralCategory[];
  /** The referral fields the partner may read; the rest stay with dispatch. */
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFields: ShareableReferralField[];
  /**
   * Of sharedFields, those the partner may read of a referral whose person did not consent (sent
   * under a recorded override). Absent (events from before this field): none.
   */
  @IsOptional()
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFieldsWithoutConsent?: ShareableReferralField[];
  /** Present when the partner may receive substance-use (42 CFR Part 2) referrals' details. */
  @IsOptional() @ValidateNested() @Type(() => Part2TermsV1) part2?: Part2TermsV1;
  @ValidateNested() @Type(() => ResponseDeadlinesV1) acceptWithinMinutes: ResponseDeadlinesV1;
  @IsISO8601({ strict: true }) effectiveFrom: string;
  @IsOptional() @IsISO8601({ strict: true }) effectiveTo?: string;
}

export class AgreementExpiringV1 {
  @IsUUID() agreementId: string;
  @IsUUID() partnerId: string;
  @IsISO8601({ strict: true }) expiresAt: string;
}

const byAgreement = (payload: { agreementId: string }): string => payload.agreementId;
const topic = Topics.agreements;
const change = (name: string, summary: string) =>
  defineEvent({ name, version: 1, topic, payload: AgreementSnapshotV1, key: byAgreement, summary });

export const AgreementEvents = {
  activated: change(
    'agreement.activated',
    'The agreement is in force: both parties signed and the start date came, or it was resumed.',
  ),
  amended: change('agreement.amended', 'A new version of the terms; the snapshot carries it.'),
  suspended: change('agreement.suspended', 'The partner leaves routing until it is resumed.'),
  expired: change('agreement.expired', 'The end date passed; the partner leaves routing.'),
  terminated: change('agreement.terminated', 'The agreement ended for good.'),
  expiring: defineEvent({
    name: 'agreement.expiring',
    version: 1,
    topic,
    payload: AgreementExpiringV1,
    key: byAgreement,
    summary: 'The agreement ends in 30 days.',
  }),
};
