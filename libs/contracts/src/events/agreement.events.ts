import { ArrayNotEmpty, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { REFERRAL_CATEGORIES, ReferralCategory } from '../vocabulary';

export class AgreementStatusChangedV1 {
  @IsUUID() agreementId: string;
  @IsUUID() partnerId: string;
  @IsUUID() initiativeId: string;
  @IsInt() @Min(1) version: number;
  @ArrayNotEmpty() @IsIn(REFERRAL_CATEGORIES, { each: true }) categories: ReferralCategory[];
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
const statusChange = (name: string, summary: string) =>
  defineEvent({
    name,
    version: 1,
    topic,
    payload: AgreementStatusChangedV1,
    key: byAgreement,
    summary,
  });

export const AgreementEvents = {
  activated: statusChange('agreement.activated', 'Both parties signed and the start date came.'),
  amended: statusChange('agreement.amended', 'A new version of the agreement is in force.'),
  suspended: statusChange('agreement.suspended', 'The partner leaves routing until it is resumed.'),
  expired: statusChange('agreement.expired', 'The end date passed; the partner leaves routing.'),
  terminated: statusChange('agreement.terminated', 'The agreement ended for good.'),
  expiring: defineEvent({
    name: 'agreement.expiring',
    version: 1,
    topic,
    payload: AgreementExpiringV1,
    key: byAgreement,
    summary: 'The agreement ends in 30 days.',
  }),
};
