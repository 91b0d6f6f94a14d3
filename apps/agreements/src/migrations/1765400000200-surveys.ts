import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community survey (issue 20): surveys, their anonymous answers, and what protects the one
 * public write endpoint — used form-token nonces, the day's key and the day's count-min sketch of
 * answers per network. None of these tables has a column for an address, a network or a hash of
 * one; an answer keeps no time finer than its quarter.
 */
export class Surveys1765400000200 implements MigrationInterface {
  name = 'Surveys1765400000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE surveys (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL REFERENCES initiatives (id),
        title varchar(200) NOT NULL,
        introduction varchar(1000),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX surveys_by_initiative ON surveys (initiative_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE survey_answers (
        id uuid PRIMARY KEY,
        survey_id uuid NOT NULL REFERENCES surveys (id),
        initiative_id uuid NOT NULL,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        area_code varchar(5) CHECK (area_code ~ '^[0-9b-hjkmnp-z]{1,5}$'),
        helped smallint CHECK (helped BETWEEN 1 AND 5),
        respected smallint CHECK (respected BETWEEN 1 AND 5),
        timely smallint CHECK (timely BETWEEN 1 AND 5),
        would_call_again smallint CHECK (would_call_again BETWEEN 1 AND 5),
        comment varchar(1000),
        CHECK (num_nonnulls(helped, respected, timely, would_call_again) > 0)
      )`);
    await queryRunner.query(`CREATE INDEX survey_answers_by_survey ON survey_answers (survey_id)`);
    await queryRunner.query(`
      CREATE TABLE survey_form_nonces (
        nonce text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX survey_form_nonces_by_expiry ON survey_form_nonces (expires_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE survey_day_keys (
        day date PRIMARY KEY,
        key bytea NOT NULL CHECK (octet_length(key) = 32)
      )`);
    await queryRunner.query(`
      CREATE TABLE survey_network_sketch (
        day date NOT NULL,
        sketch_row smallint NOT NULL,
        slot int NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (day, sketch_row, slot)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE survey_network_sketch`);
    await queryRunner.query(`DROP TABLE survey_day_keys`);
    await queryRunner.query(`DROP TABLE survey_form_nonces`);
    await queryRunner.query(`DROP TABLE survey_answers`);
    await queryRunner.query(`DROP TABLE surveys`);
  }
}
