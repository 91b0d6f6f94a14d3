import { applyDecorators } from '@nestjs/common';
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

/** Some referral categories, each once, at least one. */
const IsCategoryList = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayNotEmpty(),
    ArrayUnique(),
    IsIn(REFERRAL_CATEGORIES, { each: true }),
  );

/** Fields of a referral a partner may be shown, each once. */
const IsShareableFieldList = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(SHAREABLE_REFERRAL_FIELDS.length),
    ArrayUnique(),
    IsIn(SHAREABLE_REFERRAL_FIELDS, { each: true }),
  );

/** The response deadline per urgency, in minutes. */
const AreResponseDeadlines = (): PropertyDecorator =>
  applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(() => ResponseDeadlinesV1),
  );

/** The terms under which a partner may receive substance-use referrals' details (42 CFR Part 2). */
const ArePart2Terms = (): PropertyDecorator =>
  applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(() => Part2TermsV1),
  );

/** The body of POST /agreements: a draft between the initiative's lead agency and one partner. */
export class CreateAgreementRequest {
  @IsUUID() initiativeId: string;
  /** A partner of the initiative. */
  @IsUUID() partnerId: string;
  /** Some of the initiative's categories. */
  @IsCategoryList()
  categories: ReferralCategory[];
  @IsShareableFieldList()
  sharedFields: ShareableReferralField[];
  /** Of sharedFields, those shared when the person did not consent (default: none). */
  @IsOptional()
  @IsShareableFieldList()
  sharedFieldsWithoutConsent?: ShareableReferralField[];
  /** Present when the partner may receive substance-use referrals' details (42 CFR Part 2). */
  @IsOptional() @ArePart2Terms() part2?: Part2TermsV1;
  @AreResponseDeadlines()
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
  @IsCategoryList()
  categories?: ReferralCategory[];
  @IsOptional()
  @IsShareableFieldList()
  sharedFields?: ShareableReferralField[];
  @IsOptional()
  @IsShareableFieldList()
  sharedFieldsWithoutConsent?: ShareableReferralField[];
  @IsOptional() @ArePart2Terms() part2?: Part2TermsV1;
  @IsOptional()
  @AreResponseDeadlines()
  acceptWithinMinutes?: ResponseDeadlinesV1;
  @IsOptional() @IsIsoDateTime() effectiveTo?: string;
}

export class ListAgreementsQuery {
  @IsOptional() @IsUUID() partnerId?: string;
  @IsOptional() @IsUUID() initiativeId?: string;
  @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
}
