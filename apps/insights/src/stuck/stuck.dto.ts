import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory } from '@concord/contracts';
import { toInt } from '@concord/platform';
import { OPEN_STATES, OpenState } from './stuck-rules';

/** The query of GET /referrals/stuck. */
export class StuckReferralsQuery {
  /** Referrals of this police agency. */
  @IsOptional() @IsUUID() agencyId?: string;
  /** Referrals whose first offer was made under this initiative. */
  @IsOptional() @IsUUID() initiativeId?: string;
  /** Referrals last offered to this partner. */
  @IsOptional() @IsUUID() partnerId?: string;
  @IsOptional() @IsIn(REFERRAL_CATEGORIES) category?: ReferralCategory;
  @IsOptional() @IsIn(OPEN_STATES) state?: OpenState;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) limit?: number;
  /**
   * false: every open referral the other filters select, overdue or not (overdueSeconds is then
   * negative for one within its time): the console's "unassignable now" list. Default true.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'overdueOnly must be true or false' })
  overdueOnly?: boolean;
}
