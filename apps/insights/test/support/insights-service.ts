import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import {
  ALL_TOPICS,
  concordCatalogue,
  EventDefinition,
  EventEnvelope,
  TOPIC_OWNERS,
  Topic,
  toKafkaRecord,
  toPayload,
} from '@concord/contracts';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
  kafka,
  query,
  uniqueName,
} from '../../../../test/support/infrastructure';
import { ServiceProcess } from '../../../../test/support/service-process';
import { scriptOf } from '@concord/testing';

export const INSIGHTS_SCRIPT = scriptOf('insights');

/**
 * The insights service as its own process, with a throw-away database and a consumer group of its
 * own (named, so that a rebuild can be pointed at it). It reads every topic from the beginning.
 */
export async function startInsightsService(
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const service = new ServiceProcess(INSIGHTS_SCRIPT, {
    HTTP_PORT: String(await freePort()),
    DATABASE_URL: await createTestDatabase('insights'),
    KAFKA_GROUP_ID: uniqueName('insights-test'),
    ...env,
  });
  return service.startHealthy();
}

export async function stopInsightsService(service: ServiceProcess | undefined): Promise<void> {
  if (!service) return;
  await service.stop();
  await dropTestDatabase(service.env.DATABASE_URL);
}

export interface Answer<B> {
  status: number;
  body: B;
}

/** GET requests to a service with one bearer token. */
export class InsightsApi {
  constructor(
    private readonly service: ServiceProcess,
    private readonly token: string,
  ) {}

  async get<B = Record<string, unknown>>(path: string): Promise<Answer<B>> {
    const response = await fetch(`${this.service.url}${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as B };
  }

  async expect<B = Record<string, unknown>>(status: number, path: string): Promise<B> {
    const answer = await this.get<B>(path);
    if (answer.status !== status) {
      throw new Error(
        `GET ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  }
}

/**
 * Publishes CloudEvents to the real topics the way their owning service would (binary mode,
 * keyed by the aggregate), after checking each payload against its contract, and keeps a record
 * of everything it published: what the tests compute their expectations from. `offline()` only
 * keeps the record.
 */
export class EventPublisher {
  readonly published: EventEnvelope[] = [];

  private constructor(private readonly producer?: Producer) {}

  static offline(): EventPublisher {
    return new EventPublisher();
  }

  static async connect(): Promise<EventPublisher> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: ALL_TOPICS.map((topic) => ({ topic, numPartitions: 3 })),
      });
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new EventPublisher(producer);
  }

  async publish<P extends object>(
    definition: EventDefinition<P>,
    data: P,
    time: Date,
    correlationId: string = randomUUID(),
    causationId?: string,
  ): Promise<EventEnvelope<P>> {
    toPayload(definition, data);
    const envelope: EventEnvelope<P> = {
      id: randomUUID(),
      type: definition.type,
      source: `/concord/${TOPIC_OWNERS[definition.topic as Topic]}`,
      time: time.toISOString(),
      subject: definition.key(data),
      correlationId,
      ...(causationId ? { causationId } : {}),
      data,
    };
    await this.producer?.send({
      topic: definition.topic,
      acks: -1,
      messages: [toKafkaRecord(envelope)],
    });
    this.published.push(envelope);
    return envelope;
  }

  /** Publishes `envelope` again, as it was (same id): what a relay retrying a send does. */
  async redeliver(envelope: EventEnvelope): Promise<void> {
    const definition = concordCatalogue().find(envelope.type);
    if (!definition) throw new Error(`${envelope.type} is not in the catalogue`);
    await this.producer?.send({
      topic: definition.topic,
      acks: -1,
      messages: [toKafkaRecord(envelope)],
    });
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** Waits until the service has recorded every one of `events` (and so applied it). */
export async function untilRecorded(
  service: ServiceProcess,
  events: readonly EventEnvelope[],
  timeoutMs = 60_000,
): Promise<void> {
  const ids = events.map((event) => event.id);
  await eventually(
    `${ids.length} events to be recorded by insights`,
    async () => {
      const [{ count }] = await query<{ count: number }>(
        service.env.DATABASE_URL,
        `SELECT count(*)::int AS count FROM recorded_events WHERE event_id = ANY($1)`,
        [ids],
      );
      return count === ids.length;
    },
    timeoutMs,
  );
}

/** `seconds` after `base`. */
export const after = (base: Date, seconds: number): Date =>
  new Date(base.getTime() + seconds * 1000);
