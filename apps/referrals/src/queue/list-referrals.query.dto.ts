import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory, URGENCIES, Urgency } from '@concord/contracts';
import { toInt } from '@concord/platform';
import { OFFER_STATUSES, OfferStatus } from '../assignment/offer.entity';
import { REFERRAL_STATUSES, ReferralStatus } from '../referral/referral-lifecycle';

/** Statuses a list can be filtered by: the referral's for dispatch, the offer's for a partner. */
export const LISTABLE_STATUSES = [...new Set([...REFERRAL_STATUSES, ...OFFER_STATUSES])];
export type ListableStatus = ReferralStatus | OfferStatus;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

/** The filters a list and its counts share. */
export class ReferralFilter {
  /** Comma-separated, e.g. `category=mental-health-crisis,homelessness`. */
  @IsOptional()
  @Transform(toList)
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  category?: ReferralCategory[];

  /** Comma-separated, e.g. `urgency=immediate,same-day`. */
  @IsOptional()
  @Transform(toList)
  @IsIn(URGENCIES, { each: true })
  urgency?: Urgency[];
}

export class ListReferralsQuery extends ReferralFilter {
  /** Comma-separated, e.g. `status=offered,accepted`. */
  @IsOptional()
  @Transform(toList)
  @IsIn(LISTABLE_STATUSES, { each: true })
  status?: ListableStatus[];

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) after?: string;
}
