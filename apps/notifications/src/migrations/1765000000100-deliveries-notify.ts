import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification to deliver wakes the delivery workers: PostgreSQL delivers the NOTIFY when the
 * transaction that inserted it commits (one per transaction, however many rows), so no worker
 * polls for new work.
 */
export class DeliveriesNotify1765000000100 implements MigrationInterface {
  name = 'DeliveriesNotify1765000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_delivery_due() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('concord_deliveries', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER notifications_due AFTER INSERT ON notifications
        FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION notify_delivery_due()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER notifications_due ON notifications`);
    await queryRunner.query(`DROP FUNCTION notify_delivery_due()`);
  }
}
