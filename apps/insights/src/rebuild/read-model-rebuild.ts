import { randomUUID } from 'node:crypto';
import { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventCatalogue, EventEnvelope, fromKafkaRecord, toPayload } from '@concord/contracts';
import { INSIGHTS_ENTITIES } from '../insights.entities';
import { projectEvent } from '../read-model/insights.projection';
import { PartitionOffsets, ReadTargets } from './read-targets';

/** The rebuild will not start: the message says why and what to do. */
export class RebuildRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildRefused';
  }
}

export interface RebuildOptions {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
  /**
   * The live service's consumer group: it must have no members (the service is stopped), and it
   * is the consumer the rebuilt processed_messages rows are recorded for, so that the service,
   * restarted, skips what the rebuild applied.
   */
  readonly consumerGroup: string;
  readonly catalogue: EventCatalogue;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onError?: (line: string) => void;
}

export interface RebuildSummary {
  /** Messages on the broker when the rebuild started (below the high watermarks). */
  total: number;
  read: number;
  /** Recorded and applied to the read models. */
  recorded: number;
  /** The same event id seen before (an outbox relay may publish an event twice). */
  duplicates: number;
  /** Not a CloudEvent, an unknown type or a payload that breaks its contract: dead letters live. */
  skipped: number;
  /** The projection threw; each one is reported through onError. */
  failed: number;
}

type Outcome = 'recorded' | 'duplicates' | 'skipped' | 'failed';

async function assertConsumerStopped(admin: Admin, group: string): Promise<void> {
  const { groups } = await admin.describeGroups([group]);
  const members = groups[0]?.members.length ?? 0;
  if (members > 0) {
    throw new RebuildRefused(
      `consumer group ${group} has ${members} live member(s): stop every insights instance first`,
    );
  }
}

async function offsetsOf(admin: Admin, topics: string[]): Promise<PartitionOffsets[]> {
  const offsets = await Promise.all(
    topics.map(async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
        topic,
        partition,
        low,
        high,
      })),
    ),
  );
  return offsets.flat();
}

/** Empties the event log, every read model and the consumer's idempotency and retry records. */
async function truncate(dataSource: DataSource): Promise<void> {
  const tables = [
    ...INSIGHTS_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName),
    'processed_messages',
    'consumer_retries',
  ];
  await dataSource.query(`TRUNCATE ${tables.join(', ')}`);
}

/**
 * What the live consumer does with one message (KafkaEventServer with INSIGHTS_EVENTS): skip what
 * is not a valid event of the catalogue (live, a dead letter), record it as processed, apply it
 * with projectEvent. A savepoint keeps a failing message from undoing the rest of its batch.
 */
async function applyMessage(
  manager: EntityManager,
  message: KafkaMessage,
  options: RebuildOptions,
): Promise<Outcome> {
  let event: EventEnvelope;
  try {
    event = fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers });
    const definition = options.catalogue.find(event.type);
    if (!definition) return 'skipped';
    toPayload(definition, event.data);
  } catch {
    return 'skipped';
  }
  await manager.query('SAVEPOINT rebuild_message');
  try {
    const recorded = (await manager.query(
      `INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [options.consumerGroup, event.id],
    )) as unknown[];
    if (recorded.length > 0) await projectEvent(manager, event);
    await manager.query('RELEASE SAVEPOINT rebuild_message');
    return recorded.length > 0 ? 'recorded' : 'duplicates';
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT rebuild_message');
    options.onError?.(`${event.type} ${event.id} could not be applied: ${String(error)}`);
    return 'failed';
  }
}

async function consume(
  options: RebuildOptions,
  topics: string[],
  targets: ReadTargets,
  summary: RebuildSummary,
): Promise<void> {
  const groupId = `${options.consumerGroup}-rebuild-${randomUUID().slice(0, 8)}`;
  const consumer = options.kafka.consumer({
    groupId,
    // A batch that keeps failing (e.g. the database is gone) ends the rebuild instead of looping.
    retry: { retries: 5, restartOnFailure: async () => false },
  });
  let finish: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) fail(event.payload.error);
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch, heartbeat, pause }) => {
        const wanted = batch.messages.filter((message) =>
          targets.wants(batch.topic, batch.partition, message.offset),
        );
        // One transaction per batch; counted after the commit, as a failed batch is read again.
        const outcomes = await options.dataSource.transaction(async (manager) => {
          const done: Outcome[] = [];
          for (const message of wanted) done.push(await applyMessage(manager, message, options));
          return done;
        });
        outcomes.forEach((outcome) => (summary[outcome] += 1));
        summary.read += wanted.length;
        options.onProgress?.(summary.read, summary.total);
        if (targets.readThrough(batch.topic, batch.partition, batch.lastOffset())) pause();
        if (targets.complete) finish();
        await heartbeat();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  const admin = options.kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
}

/** Held for the whole rebuild, so that two rebuilds of one database never interleave. */
const REBUILD_LOCK_ID = 0x1a51_9e75;

/**
 * Rebuilds the insights database from the broker: refuses while the live consumer group has
 * members or another rebuild runs, takes the high watermark of every partition of the
 * catalogue's topics, empties the event log and the read models, and reads every topic from its
 * beginning up to those marks with a consumer group of its own, applying each event with the
 * live handler's projection.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildSummary> {
  const lock = options.dataSource.createQueryRunner();
  await lock.connect();
  try {
    const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [
      REBUILD_LOCK_ID,
    ])) as { locked: boolean }[];
    if (!locked) throw new RebuildRefused('another rebuild of this database is running');
    try {
      return await rebuildUnderLock(options);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK_ID]);
    }
  } finally {
    await lock.release();
  }
}

async function rebuildUnderLock(options: RebuildOptions): Promise<RebuildSummary> {
  const admin = options.kafka.admin();
  await admin.connect();
  let topics: string[];
  let targets: ReadTargets;
  try {
    await assertConsumerStopped(admin, options.consumerGroup);
    const existing = new Set(await admin.listTopics());
    topics = options.catalogue.topics().filter((topic) => existing.has(topic));
    targets = new ReadTargets(await offsetsOf(admin, topics));
  } finally {
    await admin.disconnect();
  }
  await truncate(options.dataSource);
  const summary: RebuildSummary = {
    total: targets.total,
    read: 0,
    recorded: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
  };
  options.onProgress?.(0, summary.total);
  if (!targets.complete) await consume(options, topics, targets, summary);
  return summary;
}
