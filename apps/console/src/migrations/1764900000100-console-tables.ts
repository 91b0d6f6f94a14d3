import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's own state: sessions, sign-ins under way, which agency and partners each referral
 * belongs to, and the recent changes that browsers are told about.
 */
export class ConsoleTables1764900000100 implements MigrationInterface {
  name = 'ConsoleTables1764900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console_sessions (
        id_hash text PRIMARY KEY,
        subject text NOT NULL,
        role text NOT NULL,
        organization_id uuid,
        signed_in_with text NOT NULL,
        access_token text NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE console_sign_ins (
        state_hash text PRIMARY KEY,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE console_referral_parties (
        referral_id uuid PRIMARY KEY,
        agency_id uuid,
        partner_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`
      CREATE TABLE console_referral_changes (
        seq bigserial PRIMARY KEY,
        referral_id uuid NOT NULL,
        type text NOT NULL,
        agency_id uuid,
        partner_ids uuid[] NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX console_referral_changes_by_time ON console_referral_changes (recorded_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE console_referral_changes`);
    await queryRunner.query(`DROP TABLE console_referral_parties`);
    await queryRunner.query(`DROP TABLE console_sign_ins`);
    await queryRunner.query(`DROP TABLE console_sessions`);
  }
}
