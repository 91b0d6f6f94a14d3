import {
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignment: AssignmentService,
    private readonly config: ReferralsConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Runs once per app and once per connected microservice over the same providers.
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.config.REFERRALS_DEADLINE_SWEEP_MS);
  }

  /** Before the database pool closes at application shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
