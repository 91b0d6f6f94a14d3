import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint trainings and community events of an initiative, with the organisations taking part and
 * their head counts (never a list of names); and the initiative's revision, which its events carry
 * now that its KPI targets can change.
 */
export class Activities1765400000100 implements MigrationInterface {
  name = 'Activities1765400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE initiatives ADD COLUMN revision int NOT NULL DEFAULT 1 CHECK (revision >= 1)`,
    );
    await queryRunner.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL REFERENCES initiatives (id),
        kind text NOT NULL,
        topic text NOT NULL,
        topic_detail text,
        title text NOT NULL,
        place text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
        revision int NOT NULL CHECK (revision >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        CHECK (topic <> 'other' OR topic_detail IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX activities_by_initiative ON activities (initiative_id, starts_at)`,
    );
    await queryRunner.query(`CREATE INDEX activities_by_start ON activities (starts_at)`);
    await queryRunner.query(`
      CREATE TABLE activity_participants (
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        confirmed_at timestamptz,
        attendees int CHECK (attendees BETWEEN 0 AND 100000),
        PRIMARY KEY (activity_id, organization_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_participants_by_organization ON activity_participants (organization_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity_participants`);
    await queryRunner.query(`DROP TABLE activities`);
    await queryRunner.query(`ALTER TABLE initiatives DROP COLUMN revision`);
  }
}
