import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { newKafkaClient } from '../../libs/messaging/src/kafka-client';

const run = promisify(execFile);

/**
 * The chaos broker: deploy/local/kafka.sh on ports of its own, which gives it its own data,
 * logs and pid file, so that stopping it leaves the broker of `npm start` and CI alone.
 */
export class KafkaBroker {
  readonly kafka: Kafka;

  constructor(
    private readonly root: string,
    readonly port: number,
    readonly controllerPort: number,
  ) {
    // Plaintext, like the broker: chaos talks only to the one it starts itself, never to a broker
    // it is given, so the KAFKA_SECURITY_PROTOCOL settings are not for it.
    this.kafka = newKafkaClient({
      clientId: 'concord-chaos',
      brokers: [this.address],
      logLevel: logLevel.NOTHING,
    });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private script(command: 'start' | 'stop'): Promise<unknown> {
    return run('bash', [join(this.root, 'deploy/local/kafka.sh'), command], {
      cwd: this.root,
      timeout: 180_000,
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      },
    });
  }

  start(): Promise<unknown> {
    return this.script('start');
  }

  stop(): Promise<unknown> {
    return this.script('stop');
  }

  /** Stops the broker and deletes its data: a run starts with no topics and no offsets. */
  async reset(): Promise<void> {
    await this.stop();
    rmSync(join(this.root, `.cache/kafka/data-${this.port}`), { recursive: true, force: true });
  }

  /**
   * The ids (`ce_id`) of the messages on `topics` among `wanted`, read from the beginning by a
   * new consumer group until all were seen or `timeoutMs` passed.
   */
  async findMessageIds(
    topics: readonly string[],
    wanted: ReadonlySet<string>,
    timeoutMs: number,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    const consumer = this.kafka.consumer({ groupId: `chaos-dlq-reader-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const id = message.headers?.ce_id?.toString();
          if (id !== undefined && wanted.has(id)) found.add(id);
        },
      });
      const deadline = Date.now() + timeoutMs;
      while (found.size < wanted.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return found;
    } finally {
      await consumer.disconnect();
    }
  }

  /** Publishes one message as given: a poison message no service published. */
  async produceRaw(
    topic: string,
    key: string,
    value: string,
    headers: Record<string, string>,
  ): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key, value, headers }] });
    } finally {
      await producer.disconnect();
    }
  }
}
