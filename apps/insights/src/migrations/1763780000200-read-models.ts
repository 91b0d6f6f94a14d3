import { MigrationInterface, QueryRunner } from 'typeorm';

/** The KPI read models (referral facts, offers, budget states) and the timeline's lookups. */
export class ReadModels1763780000200 implements MigrationInterface {
  name = 'ReadModels1763780000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_facts (
        referral_id uuid PRIMARY KEY,
        agency_id uuid,
        category text,
        urgency text,
        area_code text,
        submitted_at timestamptz,
        initiative_id uuid,
        partner_id uuid,
        first_assigned_at timestamptz,
        last_assigned_at timestamptz,
        unassignable_count int NOT NULL DEFAULT 0,
        last_unassignable_at timestamptz,
        last_rerouted_at timestamptz,
        accepted_at timestamptz,
        contacted_at timestamptz,
        completed_at timestamptz,
        outcome text,
        unsuccessful_reason text,
        cancelled_at timestamptz,
        charged_cents bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(
      `CREATE INDEX referral_facts_by_initiative ON referral_facts (initiative_id, submitted_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX referral_facts_by_submission ON referral_facts (submitted_at)`,
    );
    // The stuck rules look at referrals that are neither completed nor cancelled.
    await queryRunner.query(
      `CREATE INDEX referral_facts_open ON referral_facts (submitted_at)
         WHERE completed_at IS NULL AND cancelled_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE referral_offers (
        offer_id text PRIMARY KEY,
        referral_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        attempt int NOT NULL,
        offered_at timestamptz NOT NULL,
        accept_by timestamptz NOT NULL,
        ending text CHECK (ending IN ('accepted', 'declined', 'expired', 'withdrawn', 'cancelled')),
        reason text,
        ended_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX referral_offers_by_referral ON referral_offers (referral_id, partner_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE budget_states (
        budget_id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        category text,
        awarded_cents bigint NOT NULL,
        available_cents bigint NOT NULL,
        cost_per_case_cents bigint NOT NULL,
        as_of timestamptz NOT NULL,
        event_type text NOT NULL
      )`);
    // A referral's timeline: events whose subject is the referral (recorded_events_by_subject),
    // funding events that name it, notifications about it.
    await queryRunner.query(
      `CREATE INDEX recorded_events_by_referral ON recorded_events ((data ->> 'referralId'))`,
    );
    await queryRunner.query(
      `CREATE INDEX recorded_events_by_about_subject ON recorded_events ((data ->> 'aboutSubject'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX recorded_events_by_about_subject`);
    await queryRunner.query(`DROP INDEX recorded_events_by_referral`);
    await queryRunner.query(`DROP TABLE budget_states`);
    await queryRunner.query(`DROP TABLE referral_offers`);
    await queryRunner.query(`DROP TABLE referral_facts`);
  }
}
