import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreements1763790000300 implements MigrationInterface {
  name = 'Agreements1763790000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL REFERENCES initiatives (id),
        agency_id uuid NOT NULL REFERENCES organizations (id),
        partner_id uuid NOT NULL REFERENCES organizations (id),
        status text NOT NULL
          CHECK (status IN ('draft', 'active', 'suspended', 'terminated', 'expired')),
        status_reason text,
        status_changed_at timestamptz NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        categories text[] NOT NULL,
        shared_fields text[] NOT NULL,
        accept_within_minutes jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        expiring_announced_version int,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      )`);
    await queryRunner.query(`CREATE INDEX agreements_by_partner ON agreements (partner_id)`);
    await queryRunner.query(`CREATE INDEX agreements_by_initiative ON agreements (initiative_id)`);
    // What the scheduler looks for on every round.
    await queryRunner.query(
      `CREATE INDEX agreements_drafts_by_start ON agreements (effective_from) WHERE status = 'draft'`,
    );
    await queryRunner.query(
      `CREATE INDEX agreements_in_force_by_end ON agreements (effective_to)
         WHERE status IN ('active', 'suspended') AND effective_to IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE agreement_versions (
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        version int NOT NULL,
        categories text[] NOT NULL,
        shared_fields text[] NOT NULL,
        accept_within_minutes jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (agreement_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE agreement_signatures (
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        party text NOT NULL CHECK (party IN ('agency', 'partner')),
        name text NOT NULL,
        title text NOT NULL,
        signed_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        PRIMARY KEY (agreement_id, party)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agreement_signatures`);
    await queryRunner.query(`DROP TABLE agreement_versions`);
    await queryRunner.query(`DROP TABLE agreements`);
  }
}
