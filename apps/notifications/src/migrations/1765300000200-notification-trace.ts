import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook or e-mail notification keeps the W3C trace context of the handling that created it:
 * the delivery worker sends it later, in a context of its own, and continues that trace.
 */
export class NotificationTrace1765300000200 implements MigrationInterface {
  name = 'NotificationTrace1765300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN traceparent`);
  }
}
