import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the purge of old processed message ids find them without reading the whole table. */
export class ProcessedMessagesAge1765000000000 implements MigrationInterface {
  name = 'ProcessedMessagesAge1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX processed_messages_by_age ON processed_messages (processed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX processed_messages_by_age`);
  }
}
