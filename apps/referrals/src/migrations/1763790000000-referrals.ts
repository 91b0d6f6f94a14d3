import { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1763790000000 implements MigrationInterface {
  name = 'Referrals1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        agency_id uuid NOT NULL,
        submitted_by text NOT NULL,
        incident_reference text NOT NULL,
        category text NOT NULL,
        urgency text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        address text,
        area_code text NOT NULL,
        person jsonb NOT NULL,
        contact_preference text NOT NULL,
        consent jsonb NOT NULL,
        narrative text NOT NULL,
        status text NOT NULL,
        attempt int NOT NULL DEFAULT 0,
        partner_id uuid,
        service_id uuid,
        agreement_id uuid,
        accept_by timestamptz,
        outcome text,
        unsuccessful_reason text,
        outcome_note text,
        cancel_reason text,
        submitted_at timestamptz NOT NULL,
        accepted_at timestamptz,
        contacted_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX referrals_by_agency ON referrals (agency_id, submitted_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_by_status ON referrals (status, submitted_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_open_by_service ON referrals (service_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_offer_deadlines ON referrals (accept_by) WHERE status = 'offered'`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_offered_by_agreement ON referrals (agreement_id) WHERE status = 'offered'`,
    );

    await queryRunner.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals (id),
        attempt int NOT NULL,
        partner_id uuid NOT NULL,
        service_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        status text NOT NULL,
        offered_at timestamptz NOT NULL,
        accept_by timestamptz NOT NULL,
        decline_reason text,
        decline_note text,
        answered_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX offers_by_referral_attempt ON offers (referral_id, attempt)`,
    );
    await queryRunner.query(`CREATE INDEX offers_queue ON offers (partner_id, offered_at, id)`);

    await queryRunner.query(`
      CREATE TABLE assignment_decisions (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals (id),
        decided_at timestamptz NOT NULL,
        result text NOT NULL,
        partner_id uuid,
        trace jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX assignment_decisions_by_referral ON assignment_decisions (referral_id, decided_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        agency_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        referral_id uuid NOT NULL,
        response_status int NOT NULL,
        response_body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, key)
      )`);

    await queryRunner.query(`
      CREATE TABLE directory_organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        revision int NOT NULL,
        services jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE directory_agreements (
        id uuid PRIMARY KEY,
        agency_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        version int NOT NULL,
        status text NOT NULL,
        terms jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX directory_agreements_by_agency ON directory_agreements (agency_id, partner_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'directory_agreements',
      'directory_organizations',
      'idempotency_keys',
      'assignment_decisions',
      'offers',
      'referrals',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
