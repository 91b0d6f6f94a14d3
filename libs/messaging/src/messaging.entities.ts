import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event committed with the state change that caused it, waiting for the relay. */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage {
  /** Publication order within this database. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) position: string;
  @Column({ type: 'uuid', name: 'event_id' }) eventId: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'text', name: 'message_key' }) messageKey: string;
  @Column({ type: 'jsonb' }) headers: Record<string, string>;
  @Column({ type: 'jsonb' }) payload: object;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

/** One row per (consumer, event id) handled: written in the same transaction as the effect. */
@Entity({ name: 'processed_messages' })
export class ProcessedMessage {
  @PrimaryColumn({ type: 'text' }) consumer: string;
  @PrimaryColumn({ type: 'text', name: 'message_id' }) messageId: string;
  @Column({ type: 'timestamptz', name: 'processed_at', default: () => 'now()' }) processedAt: Date;
}

/**
 * A message whose handler failed, waiting for its next try, and the messages with the same key
 * that arrived after it (they wait behind it so that one aggregate's events stay in order, while
 * every other key on the partition moves on).
 */
@Entity({ name: 'consumer_retries' })
@Index('consumer_retries_by_key', ['consumer', 'topic', 'messageKey', 'id'])
@Index('consumer_retries_due', ['consumer', 'nextAttemptAt'])
export class ConsumerRetry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) consumer: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'int' }) partition: number;
  @Column({ type: 'text', name: 'kafka_offset' }) kafkaOffset: string;
  @Column({ type: 'text', name: 'message_key' }) messageKey: string;
  @Column({ type: 'jsonb' }) headers: Record<string, string>;
  @Column({ type: 'bytea', nullable: true }) value: Buffer | null;
  /** Tries made so far; 0 for a message parked behind an earlier one of its key. */
  @Column({ type: 'int' }) attempts: number;
  @Column({ type: 'timestamptz', name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
}

export const MESSAGING_ENTITIES = [OutboxMessage, ProcessedMessage, ConsumerRetry];
