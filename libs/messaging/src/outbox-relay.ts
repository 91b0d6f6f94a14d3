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
  private listener?: PoolClient;
  private poll?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  private started = false;
  private readonly signer?: EnvelopeSigner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    if (options.signingKeys?.length) this.signer = new EnvelopeSigner(options.signingKeys);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Nest bootstraps the HTTP app and its connected microservice over one module graph, so this
    // hook runs twice; a second relay loop would outlive shutdown.
    if (this.started) return;
    this.started = true;
    await this.listen().catch((error: unknown) =>
      this.logger.warn(`LISTEN ${OUTBOX_CHANNEL} failed, relying on the poll: ${String(error)}`),
    );
    this.poll = setInterval(() => this.wake(), this.options.relayPollMs ?? 1000);
    this.wake();
  }

  /**
   * Before, not on, application shutdown: TypeORM ends its pool on shutdown and waits for every
   * client, including the LISTEN client held here, so releasing it later would hang the process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.draining;
    this.listener?.release(true);
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.warn(`outbox relay: ${String(error)}`))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async listen(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost: ${error.message}; reconnecting`);
      this.listener = undefined;
      client.release(true);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.publishBatch()) === BATCH_SIZE) {
      // a full batch: there may be more behind it
    }
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
