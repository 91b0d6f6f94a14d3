import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicWork } from '@concord/messaging';
import { AUDIT_OPTIONS, AuditOptions } from './audit.options';
import { AuditTrail } from './audit-trail.service';

/**
 * Purges audit records older than the retention, every purge interval. Safe in every instance:
 * the database function takes an advisory lock, so two instances never purge at once.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly work: PeriodicWork;

  constructor(
    private readonly trail: AuditTrail,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {
    this.work = new PeriodicWork({
      name: 'audit retention',
      intervalMs: options.purgeIntervalMs,
      firstDelayMs: options.purgeIntervalMs,
      round: () => this.purge(),
    });
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  /** Before the database pool closes at application shutdown. */
  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  async purge(): Promise<void> {
    try {
      const purged = await this.trail.purgeOlderThan(this.options.retentionDays);
      if (purged > 0) {
        this.logger.log(
          `purged ${purged} audit record(s) older than ${this.options.retentionDays} day(s)`,
        );
      }
    } catch (error) {
      this.logger.error(`audit retention purge failed: ${(error as Error).message}`);
    }
  }
}
