import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PoolClient, Pool } from 'pg';
import { EnvelopeSigner } from './envelope-signature';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRow, topicMessagesOf } from './outbox-batch';
import { PeriodicWork } from './periodic-work';
import { OUTBOX_CHANNEL } from './outbox.service';

const BATCH_SIZE = 500;
/**
 * What keeps each key's events in order: the transactions that publish events of one aggregate
 * lock its row, so their outbox positions rise in the order they commit; one relay per database
 * at a time (this advisory lock) reads the rows by position and sends them in that order; and the
 * idempotent producer, one request in flight, neither reorders nor duplicates a retried batch.
 */
const RELAY_LOCK_ID = 0x0c0c0d;

/**
 * Publishes outbox rows with the idempotent producer and deletes them once the broker has them.
 * Woken by NOTIFY the moment a transaction with events commits, and by a slow poll that picks up
 * rows a crashed process left behind. A crash between publish and delete publishes a row twice;
 * consumers drop the duplicate by its event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly work: PeriodicWork;
  private listener?: PoolClient;
  private listening?: Promise<void>;
  private stopped = false;
  private readonly signer?: EnvelopeSigner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    if (options.signingKeys?.length) this.signer = new EnvelopeSigner(options.signingKeys);
    this.work = new PeriodicWork({
      name: 'outbox relay',
      intervalMs: options.relayPollMs ?? 1000,
      // A full batch: there may be more behind it.
      round: async () => ((await this.publishBatch()) === BATCH_SIZE ? 'again' : undefined),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listening ??= this.listen().catch((error: unknown) =>
      this.logger.warn(`LISTEN ${OUTBOX_CHANNEL} failed, relying on the poll: ${String(error)}`),
    );
    await this.listening;
    this.work.start();
  }

  /**
   * Before, not on, application shutdown: TypeORM ends its pool on shutdown and waits for every
   * client, including the LISTEN client held here, so releasing it later would hang the process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.work.stop();
    this.listener?.release(true);
  }

  private async listen(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    client.on('notification', () => this.work.runNow());
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost: ${error.message}; reconnecting`);
      this.listener = undefined;
      client.release(true);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  /** Publishes up to one batch in commit order; returns how many rows it published. */
  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        RELAY_LOCK_ID,
      ])) as { locked: boolean }[];
      if (!locked) return 0;
      const rows = (await manager.query(
        `SELECT position, topic, message_key, headers, payload
           FROM outbox_messages ORDER BY position LIMIT ${BATCH_SIZE}`,
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const topicMessages = topicMessagesOf(rows, this.signer);
      await this.kafka.ensureTopics(topicMessages.map(({ topic }) => topic));
      const producer = await this.kafka.getProducer();
      await producer.sendBatch({ acks: -1, topicMessages });
      await manager.query(`DELETE FROM outbox_messages WHERE position = ANY($1::bigint[])`, [
        rows.map((row) => row.position),
      ]);
      return rows.length;
    });
  }
}
