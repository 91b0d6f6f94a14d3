import { MigrationInterface, QueryRunner } from 'typeorm';

/** A police agency's mapping of its CAD incident types to Concord categories and urgencies. */
export class IncidentTypeMappings1765200000100 implements MigrationInterface {
  name = 'IncidentTypeMappings1765200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_type_mappings (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id),
        revision int NOT NULL CHECK (revision > 0),
        types jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incident_type_mappings`);
  }
}
