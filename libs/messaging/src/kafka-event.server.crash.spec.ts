import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import { concordCatalogue, ReferralEvents } from '@concord/contracts';
import { eventManifest } from './event-manifest';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';

const CRASH = 'consumer.crash';

/** A kafkajs consumer that only records what the server asks of it, and crashes on demand. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH };
  running = false;
  disconnected = false;
  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}
  async run(): Promise<void> {
    this.running = true;
  }
  async disconnect(): Promise<void> {
    this.running = false;
    this.disconnected = true;
  }
  crash(restart: boolean): void {
    this.emit(CRASH, {
      payload: { error: new Error('Failed to find group coordinator'), restart },
    });
  }
}

describe('the event consumer after kafkajs gives up on it', () => {
  const consumers: FakeConsumer[] = [];
  let server: KafkaEventServer;

  const until = async (what: string, done: () => boolean) => {
    for (let waited = 0; !done(); waited += 10) {
      if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeEach(async () => {
    consumers.length = 0;
    const kafka = {
      kafka: {
        consumer: () => {
          const consumer = new FakeConsumer();
          consumers.push(consumer);
          return consumer;
        },
      },
      ensureTopics: async () => undefined,
      options: {
        service: 'crash-spec',
        catalogue: concordCatalogue(),
        manifest: eventManifest({
          service: 'crash-spec',
          handles: (on) => [on(ReferralEvents.submitted, async () => undefined)],
        }),
      },
    } as unknown as KafkaConnection;
    const dataSource = { query: async () => [] } as unknown as DataSource;
    server = new KafkaEventServer({ kafka, dataSource, resolve: () => ({}) as never });
    await new Promise<void>((resolve) => void server.listen(() => resolve()));
    await until('the first consumer to run', () => consumers[0]?.running === true);
  });

  afterEach(async () => {
    await server.close();
  });

  it('starts a new consumer when the running one crashes for good', async () => {
    consumers[0].crash(false);
    await until('a second consumer to run', () => consumers[1]?.running === true);
    expect(consumers[0].disconnected).toBe(true);
    expect(server.failure).toBeUndefined();
  });

  it('leaves a crash that kafkajs restarts itself to kafkajs', async () => {
    consumers[0].crash(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(consumers).toHaveLength(1);
    expect(server.failure).toBeUndefined();
  });
});
