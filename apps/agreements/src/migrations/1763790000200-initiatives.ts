import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initiatives1763790000200 implements MigrationInterface {
  name = 'Initiatives1763790000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE initiatives (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        lead_agency_id uuid NOT NULL REFERENCES organizations (id),
        categories text[] NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        kpi_targets jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        CHECK (period_to > period_from)
      )`);
    await queryRunner.query(`
      CREATE TABLE initiative_partners (
        initiative_id uuid NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES organizations (id),
        PRIMARY KEY (initiative_id, partner_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX initiative_partners_by_partner ON initiative_partners (partner_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE initiative_partners`);
    await queryRunner.query(`DROP TABLE initiatives`);
  }
}
