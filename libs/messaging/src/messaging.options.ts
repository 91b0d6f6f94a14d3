import { EventCatalogue } from '@concord/contracts';
import { SigningKey } from './envelope-signature';
import { EventManifest } from './event-manifest';
import { KafkaSecurity } from './kafka-security';

export interface RetryPolicy {
  /** Tries in all, the first one included, before a message goes to the dead-letter topic. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface MessagingOptions {
  /** The service name: the CloudEvents source `/concord/<service>`, the consumer group and the Kafka client id. */
  readonly service: string;
  readonly brokers: readonly string[];
  /** TLS and SASL of the broker connection; PLAINTEXT when not given. */
  readonly security?: KafkaSecurity;
  readonly catalogue: EventCatalogue;
  /** What the service publishes (the outbox refuses anything else) and handles. */
  readonly manifest: EventManifest;
  /** Partitions of the topics this process creates if they are missing. */
  readonly partitions?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Processed message ids older than this are forgotten (default 7 days). */
  readonly processedRetentionDays?: number;
  /** How often they are purged (default hourly). */
  readonly processedPurgeIntervalMs?: number;
  /**
   * Partitions one process handles at the same time (order is kept within each); 1 by default:
   * see KafkaEventServer's PARTITIONS_AT_ONCE.
   */
  readonly concurrency?: number;
  /**
   * When given, every published envelope is signed with the first key and every consumed one must
   * carry a valid signature of one of them; anything else goes to the dead-letter topic untried.
   */
  readonly signingKeys?: readonly SigningKey[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialBackoffMs: 200,
  maxBackoffMs: 10_000,
};
