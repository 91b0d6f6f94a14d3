import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@concord/contracts';
import { Sample, scrapedGauge } from '@concord/telemetry';
import { KafkaConnection } from './kafka-connection';

/** A scrape waits at most this long for the broker before it reports no lag. */
const BROKER_TIMEOUT_MS = 2_000;

/** What the pg pool under TypeORM shows of itself (pg-pool's counters). */
interface PoolFigures {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max: number };
}

/**
 * The gauges of a service's messaging and database, each computed when Prometheus scrapes:
 * the outbox's depth and the age of its oldest row, the messages parked for a retry, the consumer
 * group's lag per topic and partition, what the dead-letter topics of its topics hold, and the
 * connection pool's use. Nothing runs between scrapes.
 */
export function registerMessagingMetrics(options: {
  readonly dataSource: DataSource;
  readonly kafka: KafkaConnection;
  readonly groupId: string;
  readonly topics: readonly string[];
}): void {
  const { dataSource, kafka, groupId, topics } = options;
  const logger = new Logger('Metrics');
  const onError = (name: string) => (error: unknown) =>
    logger.warn(`${name} could not be read for this scrape: ${String(error)}`);

  scrapedGauge({
    name: 'concord_outbox_depth',
    help: 'Events written to the outbox and not yet produced to Kafka',
    read: async () => [{ value: (await outboxFigures(dataSource)).depth }],
    onError: onError('concord_outbox_depth'),
  });
  scrapedGauge({
    name: 'concord_outbox_oldest_age_seconds',
    help: 'Age of the oldest event waiting in the outbox (0 when it is empty)',
    read: async () => [{ value: (await outboxFigures(dataSource)).oldestAgeSeconds }],
    onError: onError('concord_outbox_oldest_age_seconds'),
  });
  scrapedGauge({
    name: 'concord_events_waiting_retry',
    help: 'Events parked in consumer_retries: failed and waiting for their next try, or behind one of their key',
    read: async () => {
      const [{ waiting }] = (await dataSource.query(
        `SELECT count(*)::int AS waiting FROM consumer_retries WHERE consumer = $1`,
        [groupId],
      )) as { waiting: number }[];
      return [{ value: waiting }];
    },
    onError: onError('concord_events_waiting_retry'),
  });
  scrapedGauge<'topic' | 'partition'>({
    name: 'concord_consumer_lag',
    help: "Messages not yet consumed by the service's consumer group, by topic and partition",
    labelNames: ['topic', 'partition'],
    read: () => withinTimeout(consumerLag(kafka, groupId, topics)),
    onError: onError('concord_consumer_lag'),
  });
  scrapedGauge<'topic'>({
    name: 'concord_dead_letter_messages',
    help: 'Messages held in the dead-letter topic of each topic the service consumes',
    labelNames: ['topic'],
    read: () => withinTimeout(deadLetters(kafka, topics)),
    onError: onError('concord_dead_letter_messages'),
  });
  scrapedGauge<'state'>({
    name: 'concord_db_pool_connections',
    help: 'Database connections of the pool: total open, idle, and requests waiting for one',
    labelNames: ['state'],
    read: async () => {
      const pool = poolOf(dataSource);
      if (!pool) return [];
      return [
        { labels: { state: 'total' }, value: pool.totalCount },
        { labels: { state: 'idle' }, value: pool.idleCount },
        { labels: { state: 'waiting' }, value: pool.waitingCount },
      ];
    },
  });
  scrapedGauge({
    name: 'concord_db_pool_max',
    help: 'The most connections the pool opens',
    read: async () => {
      const pool = poolOf(dataSource);
      return pool ? [{ value: pool.options.max }] : [];
    },
  });
}

/** One query serves both outbox gauges of a scrape. */
let outboxRead: { at: number; figures: Promise<OutboxFigures> } | undefined;

interface OutboxFigures {
  readonly depth: number;
  readonly oldestAgeSeconds: number;
}

function outboxFigures(dataSource: DataSource): Promise<OutboxFigures> {
  const now = Date.now();
  if (!outboxRead || now - outboxRead.at > 1_000) {
    const figures = dataSource
      .query(
        `SELECT count(*)::int AS depth,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
           FROM outbox_messages`,
      )
      .then(([row]: { depth: number; age: number }[]) => ({
        depth: row.depth,
        oldestAgeSeconds: row.age,
      }));
    outboxRead = { at: now, figures };
  }
  return outboxRead.figures;
}

async function consumerLag(
  kafka: KafkaConnection,
  groupId: string,
  topics: readonly string[],
): Promise<Sample<'topic' | 'partition'>[]> {
  if (topics.length === 0) return [];
  const admin = await kafka.getAdmin();
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const samples: Sample<'topic' | 'partition'>[] = [];
  for (const { topic, partitions } of committed) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const position = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      // No commit yet: the group starts from the beginning, so all that is kept counts.
      const from = Number(position) >= 0 ? Number(position) : Number(end.low);
      samples.push({
        labels: { topic, partition: end.partition },
        value: Math.max(0, Number(end.high) - from),
      });
    }
  }
  return samples;
}

async function deadLetters(
  kafka: KafkaConnection,
  topics: readonly string[],
): Promise<Sample<'topic'>[]> {
  const admin = await kafka.getAdmin();
  const samples: Sample<'topic'>[] = [];
  for (const topic of topics.map(deadLetterTopicOf)) {
    const offsets = await admin.fetchTopicOffsets(topic);
    const held = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
    samples.push({ labels: { topic }, value: held });
  }
  return samples;
}

function poolOf(dataSource: DataSource): PoolFigures | undefined {
  const pool = (dataSource.driver as unknown as { master?: PoolFigures }).master;
  return pool && typeof pool.totalCount === 'number' ? pool : undefined;
}

async function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the broker did not answer within ${BROKER_TIMEOUT_MS} ms`)),
      BROKER_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
