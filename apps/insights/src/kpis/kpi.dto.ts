import { applyDecorators } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory } from '@concord/contracts';

/** An RFC 3339 date-time with its offset: a bare date or local time would depend on a time zone. */
const IsDateTimeWithOffset = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: ({ property }) =>
        `${property} must be a date-time with a time zone, e.g. 2026-01-31T09:00:00Z`,
    }),
  );

/** The query of GET /kpis and its breakdowns; every filter is optional and they combine (AND). */
export class KpiQuery {
  /** Referrals whose first offer was made under this initiative. */
  @IsOptional() @IsUUID() initiativeId?: string;
  /** Referrals last offered to this partner; offers made to this partner. */
  @IsOptional() @IsUUID() partnerId?: string;
  @IsOptional() @IsIn(REFERRAL_CATEGORIES) category?: ReferralCategory;
  /** Referrals submitted at or after this time. */
  @IsOptional() @IsDateTimeWithOffset() from?: string;
  /** Referrals submitted before this time. */
  @IsOptional() @IsDateTimeWithOffset() to?: string;
}
