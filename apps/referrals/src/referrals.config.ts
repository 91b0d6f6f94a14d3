import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@concord/platform';

/** The settings of the referrals service: the common ones, with its own default port. */
export class ReferralsConfig extends ServiceConfig {
  override HTTP_PORT = 3001;

  /** How often offers past their acceptance deadline are looked for and re-routed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  REFERRALS_DEADLINE_SWEEP_MS = 5_000;
}
