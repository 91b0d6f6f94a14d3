import { MigrationInterface, QueryRunner } from 'typeorm';

export class Organizations1763790000100 implements MigrationInterface {
  name = 'Organizations1763790000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        revision int NOT NULL CHECK (revision >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX organizations_by_type ON organizations (type, name)`);
    await queryRunner.query(`
      CREATE TABLE organization_services (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        position int NOT NULL,
        name text NOT NULL,
        category text NOT NULL,
        area jsonb NOT NULL,
        capacity int NOT NULL CHECK (capacity >= 1),
        hours jsonb NOT NULL,
        eligibility jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      `CREATE INDEX organization_services_by_organization ON organization_services (organization_id, position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE organization_services`);
    await queryRunner.query(`DROP TABLE organizations`);
  }
}
