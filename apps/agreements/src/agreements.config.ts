import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@concord/platform';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** The settings of the agreements service: the common ones, with its own default port. */
export class AgreementsConfig extends ServiceConfig {
  override HTTP_PORT = 3002;

  /**
   * How often the scheduler activates due drafts, expires agreements past their end and announces
   * the ones ending within 30 days. Every instance runs it; row locks keep them out of each
   * other's way.
   */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(24 * 60 * 60 * 1000)
  AGREEMENTS_SCHEDULER_INTERVAL_MS = 60_000;
}
