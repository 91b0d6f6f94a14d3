import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@concord/platform';

/** The settings of the insights service: the common ones, its own port and the stuck rules. */
export class InsightsConfig extends ServiceConfig {
  override HTTP_PORT = 3005;

  /** An offer counts as stuck this long after its acceptBy deadline (the sweeper's slack). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  INSIGHTS_STUCK_OFFER_GRACE_MINUTES = 5;

  /** A referral with no partner (submitted, re-routed or unassignable) is stuck after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 60)
  INSIGHTS_STUCK_UNASSIGNED_MINUTES = 15;

  /** An accepted referral with no contact recorded is stuck after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90 * 24)
  INSIGHTS_STUCK_NO_CONTACT_HOURS = 24;

  /** A referral in progress (contact made) with no outcome is stuck after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  INSIGHTS_STUCK_NO_OUTCOME_DAYS = 14;
}
