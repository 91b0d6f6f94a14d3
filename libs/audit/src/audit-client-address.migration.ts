import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network address of the caller (the client behind TRUSTED_PROXIES, else the connection's
 * peer) on each audit record made while handling an HTTP request. Records made before it, and
 * those of event handlers, have none. Adding a column without a default rewrites no record, so
 * the append-only trigger, which guards rows, has nothing to refuse.
 */
export class AuditClientAddress1765300000100 implements MigrationInterface {
  name = 'AuditClientAddress1765300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_records ADD COLUMN client_address inet`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_records DROP COLUMN client_address`);
  }
}
