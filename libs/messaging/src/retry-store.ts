import { DataSource } from 'typeorm';
import { FailedMessage } from './dead-letter';

export interface PendingRetry extends FailedMessage {
  readonly id: string;
  readonly attempts: number;
}

interface RetryRow {
  id: string;
  topic: string;
  partition: number;
  kafka_offset: string;
  message_key: string;
  headers: Record<string, string>;
  value: Buffer | null;
  attempts: number;
}

/** How long a claimed retry stays invisible to other instances while it is being tried. */
const CLAIM_LEASE_SECONDS = 60;

/** The `consumer_retries` table of one consumer: failed messages and those waiting behind them. */
export class RetryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  async add(
    message: FailedMessage,
    attempts: number,
    delayMs: number,
    error?: unknown,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO consumer_retries
         (consumer, topic, partition, kafka_offset, message_key, headers, value, attempts, next_attempt_at, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + ($9 || ' milliseconds')::interval, $10)`,
      [
        this.consumer,
        message.topic,
        message.partition,
        message.offset,
        message.key,
        JSON.stringify(message.headers),
        message.value,
        attempts,
        String(delayMs),
        error === undefined ? null : String(error),
      ],
    );
  }

  /** Claims the due messages that are first in line for their key. */
  async claimDue(limit: number): Promise<PendingRetry[]> {
    const rows = (await this.dataSource.query(
      `UPDATE consumer_retries SET next_attempt_at = now() + interval '${CLAIM_LEASE_SECONDS} seconds'
        WHERE id IN (
          SELECT r.id FROM consumer_retries r
           WHERE r.consumer = $1 AND r.next_attempt_at <= now()
             AND r.id = (SELECT min(h.id) FROM consumer_retries h
                          WHERE h.consumer = r.consumer AND h.topic = r.topic AND h.message_key = r.message_key)
           ORDER BY r.id LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, partition, kafka_offset, message_key, headers, value, attempts`,
      [this.consumer, limit],
    )) as [RetryRow[], number];
    return rows[0].map((row) => ({
      id: row.id,
      topic: row.topic,
      partition: row.partition,
      offset: row.kafka_offset,
      key: row.message_key,
      headers: row.headers,
      value: row.value,
      attempts: row.attempts,
    }));
  }

  /**
   * Milliseconds until the first message in line for its key falls due (0 when one is due or
   * claimed by a process that died, once its lease ends), or null when none waits.
   */
  async nextDueInMs(): Promise<number | null> {
    const [{ ms }] = (await this.dataSource.query(
      `SELECT (EXTRACT(EPOCH FROM (min(r.next_attempt_at) - now())) * 1000)::float8 AS ms
         FROM consumer_retries r
        WHERE r.consumer = $1
          AND r.id = (SELECT min(h.id) FROM consumer_retries h
                       WHERE h.consumer = r.consumer AND h.topic = r.topic AND h.message_key = r.message_key)`,
      [this.consumer],
    )) as { ms: number | null }[];
    // Not GREATEST(0, …) in SQL: it ignores a NULL and would say "due now" of an empty table.
    return ms === null ? null : Math.max(0, Math.ceil(ms));
  }

  async reschedule(id: string, attempts: number, delayMs: number, error: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE consumer_retries
          SET attempts = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval, last_error = $4
        WHERE id = $1`,
      [id, attempts, String(delayMs), String(error)],
    );
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM consumer_retries WHERE id = $1`, [id]);
  }
}
