import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Consumer } from 'kafkajs';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken } from '@concord/auth';
import { EventEnvelope, fromKafkaRecord, Topics } from '@concord/contracts';
import {
  createTestDatabase,
  dropTestDatabase,
  ensureTopics,
  eventually,
  freePort,
  kafka,
  uniqueName,
} from '../../../../test/support/infrastructure';
import { ROOT, ServiceProcess } from '../../../../test/support/service-process';
import { scriptOf } from '@concord/testing';

export const AGREEMENTS_SCRIPT = scriptOf('agreements');

/** The agreements service as its own process, with a throw-away database of its own. */
export async function startAgreementsService(
  env: Record<string, string> = {},
  databaseUrl?: string,
): Promise<ServiceProcess> {
  const service = new ServiceProcess(AGREEMENTS_SCRIPT, {
    HTTP_PORT: String(await freePort()),
    DATABASE_URL: databaseUrl ?? (await createTestDatabase('agreements')),
    ...env,
  });
  return service.startHealthy();
}

export async function stopAgreementsService(...services: ServiceProcess[]): Promise<void> {
  await Promise.all(services.map((service) => service.stop()));
  const databases = new Set(services.map((service) => service.env.DATABASE_URL));
  await Promise.all([...databases].map((url) => dropTestDatabase(url)));
}

export { Answer, Api } from '../../../../test/support/api-client';

/** A development token of an admin with `subject`, to tell one administrator from another. */
export function adminToken(subject: string): Promise<string> {
  const privateKeyPem = readFileSync(resolve(ROOT, '.cache/dev-keys/dev-private.pem'), 'utf8');
  return mintToken(
    privateKeyPem,
    { subject, role: 'admin' },
    { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
  );
}

/**
 * Everything on the agreements service's topics, read from the beginning by a consumer group of
 * its own; tests pick their events out by subject (the aggregate id).
 */
const PUBLISHED_TOPICS = [Topics.organizations, Topics.agreements, Topics.initiatives];

export class PublishedEvents {
  private readonly received: EventEnvelope[] = [];
  /** The next offset to read, by `topic/partition`. */
  private readonly readUpTo = new Map<string, bigint>();

  private constructor(private readonly consumer: Consumer) {}

  static async start(): Promise<PublishedEvents> {
    await ensureTopics(PUBLISHED_TOPICS);
    const consumer = kafka.consumer({ groupId: uniqueName('agreements-test') });
    const events = new PublishedEvents(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: PUBLISHED_TOPICS, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        events.received.push(
          fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers }),
        );
        events.readUpTo.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
      },
    });
    return events;
  }

  /** Waits until it has read everything its topics held when it was called, on every partition. */
  async caughtUp(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await Promise.all(
        PUBLISHED_TOPICS.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            at: `${topic}/${partition}`,
            high: BigInt(high),
          })),
        ),
      );
      await eventually('the recorder to read its topics to the end', async () =>
        ends.flat().every(({ at, high }) => (this.readUpTo.get(at) ?? 0n) >= high),
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** The events about `subject` so far, in the order they arrived. */
  of(subject: string, type?: string): EventEnvelope[] {
    return this.received.filter(
      (event) => event.subject === subject && (type === undefined || event.type === type),
    );
  }

  /** Waits for at least `count` events of `type` about `subject`; returns all of them. */
  async waitFor(subject: string, type: string, count = 1, timeoutMs = 30_000) {
    await eventually(
      `${count} ${type} about ${subject}`,
      async () => this.of(subject, type).length >= count,
      timeoutMs,
    );
    return this.of(subject, type);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** A moment `seconds` from now, as an ISO date-time. */
export const secondsFromNow = (seconds: number): string =>
  new Date(Date.now() + seconds * 1000).toISOString();
