import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Producer } from 'kafkajs';
import { newKafkaClient } from './kafka-client';
import { kafkaClientSecurity, PLAINTEXT_KAFKA } from './kafka-security';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

const toNestLog = (logger: Logger) => () => (entry: LogEntry) => {
  const { message, ...extra } = entry.log;
  const line = `${message} ${JSON.stringify(extra)}`;
  if (entry.level === logLevel.ERROR) logger.error(line);
  else if (entry.level === logLevel.WARN) logger.warn(line);
  else logger.debug?.(line);
};

/**
 * The process's one Kafka client: an idempotent producer shared by the outbox relay and the
 * dead-letter path, and an admin client for topic creation and health. TLS and SASL as
 * `options.security` says (kafka-security.ts); the consumer is made from the same client.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly ensuredTopics = new Set<string>();

  constructor(@Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions) {
    this.kafka = newKafkaClient({
      clientId: options.service,
      brokers: [...options.brokers],
      ...kafkaClientSecurity(options.security ?? PLAINTEXT_KAFKA),
      logLevel: logLevel.WARN,
      logCreator: toNestLog(this.logger),
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  /** Creates missing topics with the configured partition count; a no-op for ones that exist. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.ensuredTopics.has(topic));
    if (missing.length === 0) return;
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const toCreate = missing.filter((topic) => !existing.has(topic));
    if (toCreate.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 3,
          // Omitted: the broker's default.replication.factor applies (1 locally, 3 in production).
        })),
      });
    }
    missing.forEach((topic) => this.ensuredTopics.add(topic));
  }

  /** Asks the broker for its cluster metadata, within `timeoutMs`. */
  async ping(timeoutMs = 3000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.getAdmin().then((admin) => admin.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const closing = [this.producer, this.admin].map(async (client) => {
      if (client) await (await client.catch(() => undefined))?.disconnect();
    });
    await Promise.allSettled(closing);
  }
}
