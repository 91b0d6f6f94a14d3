import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordedEvents1763780000100 implements MigrationInterface {
  name = 'RecordedEvents1763780000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recorded_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        occurred_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        causation_id text,
        data jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX recorded_events_by_subject ON recorded_events (subject, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE recorded_events`);
  }
}
