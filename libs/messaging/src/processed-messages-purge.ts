import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { PeriodicWork, RoundOutcome } from './periodic-work';

const DEFAULT_RETENTION_DAYS = 7;
const DEFAULT_INTERVAL_MS = 3_600_000;
/** Rows deleted per statement, so that no purge holds its locks for long. */
const BATCH = 10_000;

/**
 * `processed_messages` remembers each consumed event id so that a redelivery is dropped; Kafka
 * redelivers only what a group had not committed (minutes, at a rebalance or a crash), so ids
 * older than `processedRetentionDays` (7) can go. Every `processedPurgeIntervalMs` (an hour) the
 * old ones are deleted in batches; without it the table, and the index every consumed message
 * inserts into, only grow. Safe in every instance: a row is deleted once, whoever gets it.
 */
@Injectable()
export class ProcessedMessagesPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProcessedMessagesPurge.name);
  private readonly work: PeriodicWork;
  private readonly retentionDays: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.retentionDays = options.processedRetentionDays ?? DEFAULT_RETENTION_DAYS;
    const intervalMs = options.processedPurgeIntervalMs ?? DEFAULT_INTERVAL_MS;
    this.work = new PeriodicWork({
      name: 'processed messages purge',
      intervalMs,
      firstDelayMs: intervalMs,
      round: () => this.purgeBatch(),
    });
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  /** Before the database pool closes at application shutdown. */
  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** Deletes one batch of ids past the retention; `again` while there may be more. */
  async purgeBatch(): Promise<RoundOutcome> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM processed_messages WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM processed_messages
          WHERE processed_at < now() - make_interval(days => $1)
          LIMIT ${BATCH}))`,
      [this.retentionDays],
    )) as [unknown, number];
    if (deleted > 0) {
      this.logger.log(
        `forgot ${deleted} processed message id(s) older than ${this.retentionDays} day(s)`,
      );
    }
    return deleted === BATCH && !this.work.stopping ? 'again' : undefined;
  }
}
