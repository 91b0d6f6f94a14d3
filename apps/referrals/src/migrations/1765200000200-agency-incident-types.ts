import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each police agency's incident-type mapping, kept from organization.incident-types-mapped. */
export class AgencyIncidentTypes1765200000200 implements MigrationInterface {
  name = 'AgencyIncidentTypes1765200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agency_incident_types (
        agency_id uuid PRIMARY KEY,
        revision int NOT NULL,
        types jsonb NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agency_incident_types`);
  }
}
