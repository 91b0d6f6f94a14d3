import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import {
  AGREEMENT_STATUSES,
  AgreementStatus,
  Part2TermsV1,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  ResponseDeadlinesV1,
  SHAREABLE_REFERRAL_FIELDS,
  ShareableReferralField,
} from '@concord/contracts';
import { IsAfter, IsIsoDateTime, IsText } from '@concord/platform';
import { AGREEMENT_PARTIES, AgreementParty } from './agreement-signature.entity';

const REASON_MAX = 1000;

/** The body of POST /agreements: a draft between the initiative's lead agency and one partner. */
export class CreateAgreementRequest {
  @IsUUID() initiativeId: string;
  /** A partner of the initiative. */
  @IsUUID() partnerId: string;
  /** Some of the initiative's categories. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  categories: ReferralCategory[];
  @IsArray()
  @ArrayMaxSize(SHAREABLE_REFERRAL_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFields: ShareableReferralField[];
  /** Of sharedFields, those shared when the person did not consent (default: none). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SHAREABLE_REFERRAL_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFieldsWithoutConsent?: ShareableReferralField[];
  /** Present when the partner may receive substance-use referrals' details (42 CFR Part 2). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Part2TermsV1) part2?: Part2TermsV1;
  @IsObject()
  @ValidateNested()
  @Type(() => ResponseDeadlinesV1)
  acceptWithinMinutes: ResponseDeadlinesV1;
  @IsIsoDateTime() effectiveFrom: string;
  @IsOptional() @IsIsoDateTime() @IsAfter('effectiveFrom') effectiveTo?: string;
}

/** The body of POST /agreements/:id/signatures. */
export class SignAgreementRequest {
  @IsIn(AGREEMENT_PARTIES) party: AgreementParty;
  /** The signatory's name and title, as on the signed document. */
  @IsText(200) name: string;
  @IsText(200) title: string;
}

/** The body of POST /agreements/:id/suspend and /terminate. */
export class ChangeAgreementStatusRequest {
  @IsText(REASON_MAX) reason: string;
}

/** The body of POST /agreements/:id/amendments: the reason and at least one changed term. */
export class AmendAgreementRequest {
  @IsText(REASON_MAX) reason: string;
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  categories?: ReferralCategory[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SHAREABLE_REFERRAL_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFields?: ShareableReferralField[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SHAREABLE_REFERRAL_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true })
  sharedFieldsWithoutConsent?: ShareableReferralField[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Part2TermsV1) part2?: Part2TermsV1;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResponseDeadlinesV1)
  acceptWithinMinutes?: ResponseDeadlinesV1;
  @IsOptional() @IsIsoDateTime() effectiveTo?: string;
}

export class ListAgreementsQuery {
  @IsOptional() @IsUUID() partnerId?: string;
  @IsOptional() @IsUUID() initiativeId?: string;
  @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
}
