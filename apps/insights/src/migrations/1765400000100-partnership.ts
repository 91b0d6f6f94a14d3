import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models of the partnership beyond referrals, each kept from the events of
 * concord.initiatives.v1 and concord.organizations.v1:
 *
 * - initiative_targets: each initiative's period and KPI targets (latest snapshot wins by revision);
 * - activities: each joint training or community event (latest snapshot wins by revision), with
 *   its organisations' confirmations and head counts as jsonb;
 * - feedback_scores: one row per anonymous answer, with its quarter and area code only — no time
 *   finer than the quarter, no free text;
 * - partner_capacities: each partner service's declared capacity in open cases, for the forecast.
 */
export class Partnership1765400000100 implements MigrationInterface {
  name = 'Partnership1765400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE initiative_targets (
        initiative_id uuid PRIMARY KEY,
        name text NOT NULL,
        lead_agency_id uuid NOT NULL,
        partner_ids uuid[] NOT NULL,
        categories text[] NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        kpi_targets jsonb NOT NULL,
        revision int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE activities (
        activity_id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL,
        kind text NOT NULL,
        topic text NOT NULL,
        status text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        participants jsonb NOT NULL,
        revision int NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX activities_by_initiative ON activities (initiative_id, starts_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE feedback_scores (
        answer_id uuid PRIMARY KEY,
        survey_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        quarter text NOT NULL,
        area_code text NOT NULL,
        helped smallint,
        respected smallint,
        timely smallint,
        would_call_again smallint
      )`);
    await queryRunner.query(
      `CREATE INDEX feedback_scores_by_initiative ON feedback_scores (initiative_id, quarter)`,
    );
    await queryRunner.query(`
      CREATE TABLE partner_capacities (
        organization_id uuid NOT NULL,
        service_id uuid NOT NULL,
        organization_name text NOT NULL,
        category text NOT NULL,
        capacity int NOT NULL,
        revision int NOT NULL,
        PRIMARY KEY (organization_id, service_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE partner_capacities`);
    await queryRunner.query(`DROP TABLE feedback_scores`);
    await queryRunner.query(`DROP TABLE activities`);
    await queryRunner.query(`DROP TABLE initiative_targets`);
  }
}
