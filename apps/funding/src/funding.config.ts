import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@concord/platform';

/** The settings of the funding service: the common ones, with its own default port. */
export class FundingConfig extends ServiceConfig {
  override HTTP_PORT = 3003;

  /**
   * budget.threshold-reached goes out when reserved + charged first reaches this share of the
   * awarded money (once, until a top-up brings the usage back under it).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  FUNDING_THRESHOLD_PERCENT = 80;
}
