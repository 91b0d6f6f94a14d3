import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HSDS import jobs and their records. A job's records are stored with it, so a job survives the
 * process that ran it: another instance (or the same one, restarted) takes it over when its lease
 * runs out, at the first record not yet done.
 */
export class HsdsImportJobs1765200000200 implements MigrationInterface {
  name = 'HsdsImportJobs1765200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hsds_import_jobs (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        dry_run boolean NOT NULL,
        options jsonb NOT NULL,
        total int NOT NULL,
        done int NOT NULL DEFAULT 0,
        next_position int NOT NULL DEFAULT 0,
        positions int NOT NULL,
        counts jsonb NOT NULL,
        error text,
        lease_until timestamptz,
        lease_owner uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX hsds_import_jobs_running ON hsds_import_jobs (lease_until) WHERE status = 'running'`,
    );
    await queryRunner.query(`
      CREATE TABLE hsds_import_records (
        job_id uuid NOT NULL REFERENCES hsds_import_jobs (id) ON DELETE CASCADE,
        position int NOT NULL,
        record jsonb NOT NULL,
        -- Built from services given on their own: the organisation's other services stay.
        partial boolean NOT NULL DEFAULT false,
        change text CHECK (change IN ('create', 'update', 'unchanged')),
        rejected jsonb,
        PRIMARY KEY (job_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE hsds_import_records`);
    await queryRunner.query(`DROP TABLE hsds_import_jobs`);
  }
}
