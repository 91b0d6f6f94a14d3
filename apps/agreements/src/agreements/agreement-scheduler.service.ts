import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PeriodicWork } from '@concord/messaging';
import { AgreementsConfig } from '../agreements.config';
import { Agreement } from './agreement.entity';
import { AgreementLifecycle } from './agreement-lifecycle.service';

const BATCH_SIZE = 100;

/** Who made a status change, in the history, when the scheduler activated or expired it. */
export const SCHEDULER = 'scheduler';

/**
 * Every AGREEMENTS_SCHEDULER_INTERVAL_MS: expires agreements whose end has come, activates signed
 * drafts whose start has come, and announces (once per version) the ones ending within 30 days.
 * Each batch is one transaction over rows claimed with FOR UPDATE SKIP LOCKED, so any number of
 * instances can run it at once and each agreement changes, and is announced, once.
 */
@Injectable()
export class AgreementScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AgreementScheduler.name);
  private readonly work: PeriodicWork;

  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: AgreementLifecycle,
    config: AgreementsConfig,
  ) {
    this.work = new PeriodicWork({
      name: 'agreement scheduler',
      intervalMs: config.AGREEMENTS_SCHEDULER_INTERVAL_MS,
      round: () => this.runOnce(),
    });
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  /** Before the database pool closes at application shutdown. */
  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** One round of all three duties; what fails is logged and tried again next round. */
  private async runOnce(): Promise<void> {
    await this.drain(
      'expire',
      (manager) => this.lifecycle.claimDueForExpiry(manager, BATCH_SIZE),
      (manager, agreement) => this.lifecycle.apply(manager, agreement, 'expire', SCHEDULER),
    );
    await this.drain(
      'activate',
      (manager) => this.lifecycle.claimDueForActivation(manager, BATCH_SIZE),
      (manager, agreement) => this.lifecycle.apply(manager, agreement, 'activate', SCHEDULER),
    );
    await this.drain(
      'announce expiring',
      (manager) => this.lifecycle.claimExpiringUnannounced(manager, BATCH_SIZE),
      (manager, agreement) => this.lifecycle.announceExpiring(manager, agreement),
    );
  }

  /** Claims and handles batches until one comes back short, or the service stops. */
  private async drain(
    duty: string,
    claim: (manager: EntityManager) => Promise<Agreement[]>,
    handle: (manager: EntityManager, agreement: Agreement) => Promise<unknown>,
  ): Promise<void> {
    try {
      let claimed = BATCH_SIZE;
      while (!this.work.stopping && claimed === BATCH_SIZE) {
        claimed = await this.dataSource.transaction(async (manager) => {
          const agreements = await claim(manager);
          for (const agreement of agreements) await handle(manager, agreement);
          return agreements.length;
        });
      }
    } catch (error) {
      this.logger.warn(`scheduler could not ${duty} agreements: ${String(error)}`);
    }
  }
}
