import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox, processed-message and retry tables every service's database carries. */
export class MessagingTables1763780000000 implements MigrationInterface {
  name = 'MessagingTables1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE consumer_retries (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        kafka_offset text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        value bytea,
        attempts int NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_error text
      )`);
    await queryRunner.query(
      `CREATE INDEX consumer_retries_by_key ON consumer_retries (consumer, topic, message_key, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX consumer_retries_due ON consumer_retries (consumer, next_attempt_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consumer_retries`);
    await queryRunner.query(`DROP TABLE processed_messages`);
    await queryRunner.query(`DROP TABLE outbox_messages`);
  }
}
