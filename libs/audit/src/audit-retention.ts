import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AUDIT_OPTIONS, AuditOptions } from './audit.options';
import { AuditTrail } from './audit-trail.service';

/**
 * Purges audit records older than the retention, every purge interval. Safe in every instance:
 * the database function takes an advisory lock, so two instances never purge at once.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly trail: AuditTrail,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  onApplicationBootstrap(): void {
    // Runs once per app and once per connected microservice over the same providers.
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.purge().finally(() => (this.running = undefined));
    }, this.options.purgeIntervalMs);
  }

  /** Before the database pool closes at application shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
