import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { eventsPublished, SendSpan, startSendSpan } from '@concord/telemetry';
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
 * at a time (the leader: the process whose LISTEN connection holds this session advisory lock)
 * reads the rows by position and sends them in that order; and the idempotent producer, one
 * request in flight, neither reorders nor duplicates a retried batch.
 */
const RELAY_LOCK_ID = 0x0c0c0d;

/** The fallback sweep: rows a crashed leader left behind, when no commit wakes the relay. */
const SWEEP_MS = 30_000;

/**
 * Publishes outbox rows with the idempotent producer and deletes them once the broker has them.
 * Woken by NOTIFY the moment a transaction with events commits (wakes that arrive during a round
 * make one more round), with a sweep every 30 s.
 *
 * One process per database relays, the leader: its LISTEN connection holds the relay's session
 * advisory lock. The others try to take the lock whenever they are woken, so the next commit after
 * a leader died elects another. The leader reads a batch, produces it with no transaction open
 * and then deletes it, each statement prepared once on its own connection. A crash, or a lost
 * lead, between publish and delete publishes a row twice; consumers drop the duplicate by its
 * event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: PeriodicWork;
  private readonly listener: PgListener;
  private readonly signer?: EnvelopeSigner;

  constructor(
    dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    if (options.signingKeys?.length) this.signer = new EnvelopeSigner(options.signingKeys);
    this.work = new PeriodicWork({
      name: 'outbox relay',
      intervalMs: SWEEP_MS,
      // A full batch: there may be more behind it.
      round: async () => ((await this.publishBatch()) === BATCH_SIZE ? 'again' : undefined),
    });
    // On (re)connecting it wakes the relay too: what was committed while no one listened.
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

  /** Publishes up to one batch in commit order if this process leads; returns how many rows. */
  private async publishBatch(): Promise<number> {
    if (!(await this.listener.holdLock(RELAY_LOCK_ID))) return 0;
    const rows = await this.listener.query<OutboxRow>(
      'concord_outbox_read',
      `SELECT position, topic, message_key, headers, payload
         FROM outbox_messages ORDER BY position LIMIT ${BATCH_SIZE}`,
    );
    if (rows.length === 0) return 0;
    const spans: SendSpan[] = [];
    for (const row of rows) {
      const span = startSendSpan({ topic: row.topic, key: row.message_key, headers: row.headers });
      if (span) {
        row.headers = span.headers;
        spans.push(span);
      }
    }
    const topicMessages = topicMessagesOf(rows, this.signer);
    try {
      await this.kafka.ensureTopics(topicMessages.map(({ topic }) => topic));
      const producer = await this.kafka.getProducer();
      await producer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      spans.forEach((span) => span.end(error));
      throw error;
    }
    spans.forEach((span) => span.end());
    for (const { topic, messages } of topicMessages)
      eventsPublished.inc({ topic }, messages.length);
    await this.listener.query(
      'concord_outbox_delete',
      `DELETE FROM outbox_messages WHERE position = ANY($1::bigint[])`,
      [rows.map((row) => row.position)],
    );
    return rows.length;
  }
}
