import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvelopeSigner } from './envelope-signature';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRow, topicMessagesOf } from './outbox-batch';
import { PeriodicWork } from './periodic-work';
import { OUTBOX_CHANNEL } from './outbox.service';
import { PgListener } from './pg-listener';

const BATCH_SIZE = 500;
/**
 * What keeps each key's events in order: the transactions that publish events of one aggregate
 * lock its row, so their outbox positions rise in the order they commit; one relay per database
 * at a time (this advisory lock) reads the rows by position and sends them in that order; and the
 * idempotent producer, one request in flight, neither reorders nor duplicates a retried batch.
 */
const RELAY_LOCK_ID = 0x0c0c0d;

/** The fallback sweep while NOTIFY wakes the relay: rows a crashed process left behind. */
const SWEEP_MS = 30_000;

/**
 * Publishes outbox rows with the idempotent producer and deletes them once the broker has them.
 * Woken by NOTIFY the moment a transaction with events commits; it sweeps every 30 s for rows a
 * crashed process left behind (every `relayPollMs` while it cannot LISTEN). A crash between
 * publish and delete publishes a row twice; consumers drop the duplicate by its event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: PeriodicWork;
  private readonly listener: PgListener;
  private readonly signer?: EnvelopeSigner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    if (options.signingKeys?.length) this.signer = new EnvelopeSigner(options.signingKeys);
    const pollMs = options.relayPollMs ?? 1000;
    this.work = new PeriodicWork({
      name: 'outbox relay',
      intervalMs: () => (this.listener.listening ? Math.max(SWEEP_MS, pollMs) : pollMs),
      // A full batch: there may be more behind it.
      round: async () => ((await this.publishBatch()) === BATCH_SIZE ? 'again' : undefined),
    });
    this.listener = new PgListener(dataSource, OUTBOX_CHANNEL, () => this.work.runNow());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.work.start();
  }

  /**
   * Before, not on, application shutdown: TypeORM ends its pool on shutdown and waits for every
   * client, including the LISTEN client held here, so releasing it later would hang the process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.work.stop();
    this.listener.stop();
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
