import { randomUUID } from 'node:crypto';
import { Consumer, Producer } from 'kafkajs';
import {
  EventDefinition,
  EventEnvelope,
  fromKafkaRecord,
  ReferralAssignedV1,
  toKafkaRecord,
  Topics,
} from '@concord/contracts';
import {
  createTestDatabase,
  dropTestDatabase,
  ensureTopics,
  eventually,
  freePort,
  kafka,
  uniqueName,
} from '../../../../test/support/infrastructure';
import { ServiceProcess } from '../../../../test/support/service-process';
import { scriptOf } from '@concord/testing';

export const FUNDING_SCRIPT = scriptOf('funding');

/** The funding service as its own process, with a throw-away database of its own. */
export async function startFundingService(
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  await ensureTopics([Topics.referrals, Topics.funding]);
  const service = new ServiceProcess(FUNDING_SCRIPT, {
    HTTP_PORT: String(await freePort()),
    DATABASE_URL: await createTestDatabase('funding'),
    ...env,
  });
  return service.startHealthy();
}

export async function stopFundingService(service: ServiceProcess): Promise<void> {
  await service.stop();
  await dropTestDatabase(service.env.DATABASE_URL);
}

export { Answer, Api } from '../../../../test/support/api-client';

/**
 * Plays the referrals service: publishes referral events to Kafka as it would, CloudEvents in
 * binary mode, keyed by the referral.
 */
export class ReferralEventsProducer {
  private constructor(private readonly producer: Producer) {}

  static async start(): Promise<ReferralEventsProducer> {
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    return new ReferralEventsProducer(producer);
  }

  /** The envelope of one event; publish it (or the same one twice) with send. */
  envelope<P extends object>(definition: EventDefinition<P>, data: P): EventEnvelope<P> {
    const id = randomUUID();
    return {
      id,
      type: definition.type,
      source: '/concord/referrals',
      time: new Date().toISOString(),
      subject: definition.key(data),
      correlationId: id,
      data,
    };
  }

  async send(...envelopes: EventEnvelope[]): Promise<void> {
    await this.producer.send({
      topic: Topics.referrals,
      messages: envelopes.map((envelope) => toKafkaRecord(envelope)),
    });
  }

  async publish<P extends object>(definition: EventDefinition<P>, data: P): Promise<string> {
    const envelope = this.envelope(definition, data);
    await this.send(envelope);
    return envelope.id;
  }

  stop(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Everything on the funding topic, read from the beginning by a consumer group of its own. */
export class FundingEventLog {
  private readonly received: EventEnvelope<Record<string, unknown>>[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(): Promise<FundingEventLog> {
    await ensureTopics([Topics.referrals, Topics.funding]);
    const consumer = kafka.consumer({ groupId: uniqueName('funding-test') });
    const log = new FundingEventLog(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.funding], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void log.received.push(
          fromKafkaRecord({
            key: message.key,
            value: message.value,
            headers: message.headers,
          }) as EventEnvelope<Record<string, unknown>>,
        ),
    });
    return log;
  }

  /** The events of `definition` whose payload has every field of `match`, in arrival order. */
  find(definition: EventDefinition, match: Record<string, unknown>) {
    return this.received.filter(
      (event) =>
        event.type === definition.type &&
        Object.entries(match).every(([field, value]) => event.data[field] === value),
    );
  }

  /** Waits for at least `count` such events; returns all of them. */
  async waitFor(
    definition: EventDefinition,
    match: Record<string, unknown>,
    count = 1,
    timeoutMs = 30_000,
  ) {
    await eventually(
      `${count} ${definition.type} with ${JSON.stringify(match)}`,
      async () => this.find(definition, match).length >= count,
      timeoutMs,
    );
    return this.find(definition, match);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** A referral.assigned payload for a partner under an initiative; the rest made up. */
export const assignment = (
  initiativeId: string,
  partnerId: string,
  overrides: Partial<ReferralAssignedV1> = {},
): ReferralAssignedV1 => ({
  referralId: randomUUID(),
  partnerId,
  serviceId: randomUUID(),
  agreementId: randomUUID(),
  initiativeId,
  category: 'mental-health-crisis',
  urgency: 'immediate',
  attempt: 1,
  acceptBy: new Date(Date.now() + 10 * 60_000).toISOString(),
  ...overrides,
});
