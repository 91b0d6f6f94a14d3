import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toInt } from '@concord/platform';
import { OFFER_STATUSES, OfferStatus } from '../assignment/offer.entity';
import { REFERRAL_STATUSES, ReferralStatus } from '../referral/referral-lifecycle';

/** Statuses a list can be filtered by: the referral's for dispatch, the offer's for a partner. */
export const LISTABLE_STATUSES = [...new Set([...REFERRAL_STATUSES, ...OFFER_STATUSES])];
export type ListableStatus = ReferralStatus | OfferStatus;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

export class ListReferralsQuery {
  /** Comma-separated, e.g. `status=offered,accepted`. */
  @IsOptional()
  @Transform(toList)
  @IsIn(LISTABLE_STATUSES, { each: true })
  status?: ListableStatus[];

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) after?: string;
}
