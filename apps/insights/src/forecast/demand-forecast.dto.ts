import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory } from '@concord/contracts';
import { toInt } from '@concord/platform';

/** The weeks GET /forecast looks ahead by default, and at most: two quarters. */
export const DEFAULT_FORECAST_WEEKS = 12;
export const MAX_FORECAST_WEEKS = 26;

/** The query of GET /forecast; every filter is optional and they combine (AND). */
export class DemandForecastQuery {
  /** Referrals whose first offer was made under this initiative, and its partners' outlook. */
  @IsOptional() @IsUUID() initiativeId?: string;
  @IsOptional() @IsIn(REFERRAL_CATEGORIES) category?: ReferralCategory;
  /** The demand of one area code (a geohash of 1 to 5 characters, as referral.submitted has it). */
  @IsOptional()
  @Matches(/^[0-9b-hjkmnp-z]{1,5}$/, {
    message: 'areaCode must be a geohash of 1 to 5 characters (0–9, b–z but not i, l, o)',
  })
  areaCode?: string;
  /** Weeks to forecast. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_FORECAST_WEEKS)
  weeks?: number;
}
