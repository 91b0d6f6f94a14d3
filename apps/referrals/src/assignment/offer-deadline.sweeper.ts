import {
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicWork } from '@concord/messaging';
import { ReferralsConfig } from '../referrals.config';
import { AssignmentService } from './assignment.service';

/**
 * Looks for offers past their acceptance deadline and takes them back, which re-routes the
 * referral (`referral.offer-expired`). Safe to run in every instance: rows are claimed with
 * SKIP LOCKED.
 */
@Injectable()
export class OfferDeadlineSweeper implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly logger = new Logger(OfferDeadlineSweeper.name);
  private readonly work: PeriodicWork;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignment: AssignmentService,
    config: ReferralsConfig,
  ) {
    this.work = new PeriodicWork({
      name: 'offer deadline sweeper',
      intervalMs: config.REFERRALS_DEADLINE_SWEEP_MS,
      firstDelayMs: config.REFERRALS_DEADLINE_SWEEP_MS,
      round: () => this.sweep(),
    });
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  /** Before the database pool closes at application shutdown. */
  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** Expires every overdue offer, a batch per transaction; returns how many. */
  async sweep(): Promise<void> {
    try {
      let expired: number;
      do {
        expired = await this.dataSource.transaction((manager) =>
          this.assignment.expireOverdueOffers(manager),
        );
        if (expired > 0) this.logger.log(`re-routing ${expired} referral(s) whose offer expired`);
      } while (expired > 0);
    } catch (error) {
      this.logger.error(`offer deadline sweep failed: ${(error as Error).message}`);
    }
  }
}
