import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsImportBodyLimit, ServiceConfig } from '@concord/platform';

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

  /**
   * The largest body of POST /hsds/import (`<n>kb` or `<n>mb`, at most 256mb): a directory of
   * 10,000 services is about 30 MB of HSDS JSON. Every other route keeps HTTP_BODY_LIMIT.
   */
  @IsImportBodyLimit('HSDS_IMPORT_BODY_LIMIT')
  HSDS_IMPORT_BODY_LIMIT = '64mb';

  /**
   * How long an HSDS import job stays with the process running it without news of it: the runner
   * renews the lease with every batch, and any instance takes over a job whose lease has run out
   * (its process died), checking every quarter of this.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(60 * 60 * 1000)
  HSDS_IMPORT_LEASE_MS = 60_000;
}
