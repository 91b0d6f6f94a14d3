import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every status an agreement takes, who made the change and why. Each existing agreement gets one
 * row for the status it has now: a draft's is its creation, by the author of its first version;
 * for any other status the earlier ones and who made the change were not kept, so the row has no
 * previous status and is changed by 'unknown'.
 */
export class AgreementStatusChanges1763790000600 implements MigrationInterface {
  name = 'AgreementStatusChanges1763790000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agreement_status_changes (
        id bigserial PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        status text NOT NULL
          CHECK (status IN ('draft', 'active', 'suspended', 'terminated', 'expired')),
        previous_status text
          CHECK (previous_status IN ('draft', 'active', 'suspended', 'terminated', 'expired')),
        reason text,
        changed_at timestamptz NOT NULL,
        changed_by text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX agreement_status_changes_by_agreement
         ON agreement_status_changes (agreement_id, id)`,
    );
    await queryRunner.query(`
      INSERT INTO agreement_status_changes
             (agreement_id, status, previous_status, reason, changed_at, changed_by)
      SELECT a.id, a.status, NULL, a.status_reason, a.status_changed_at,
             CASE WHEN a.status = 'draft' THEN coalesce(v.created_by, 'unknown') ELSE 'unknown' END
        FROM agreements a
        LEFT JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = 1
       ORDER BY a.status_changed_at, a.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agreement_status_changes`);
  }
}
