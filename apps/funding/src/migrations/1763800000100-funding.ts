import { MigrationInterface, QueryRunner } from 'typeorm';

/** Funding sources, budgets and the append-only ledger of money moving on them. */
export class Funding1763800000100 implements MigrationInterface {
  name = 'Funding1763800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funding_sources (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        funder text NOT NULL,
        kind text NOT NULL
          CHECK (kind IN ('federal-grant', 'state-programme', 'city-budget', 'foundation', 'other')),
        award_cents bigint NOT NULL CHECK (award_cents > 0),
        period_from date NOT NULL,
        period_to date NOT NULL,
        restrictions text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (period_to > period_from)
      )`);
    await queryRunner.query(`
      CREATE TABLE budgets (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        category text,
        cost_per_case_cents bigint NOT NULL CHECK (cost_per_case_cents > 0),
        threshold_reached boolean NOT NULL DEFAULT false,
        exhausted boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    // One budget per initiative, partner and category, or per initiative and partner without one.
    await queryRunner.query(`
      CREATE UNIQUE INDEX budgets_one_per_scope
        ON budgets (initiative_id, partner_id, (coalesce(category, '')))`);
    await queryRunner.query(`CREATE INDEX budgets_by_partner ON budgets (partner_id)`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        budget_id uuid NOT NULL REFERENCES budgets (id),
        kind text NOT NULL CHECK (kind IN ('allocate', 'reserve', 'release', 'charge')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        source_id uuid REFERENCES funding_sources (id),
        referral_id uuid,
        settles_entry_id bigint REFERENCES ledger_entries (id),
        release_reason text
          CHECK (release_reason IN ('declined', 'offer-expired', 'offer-withdrawn', 'cancelled')),
        cause_event_id text,
        recorded_by text,
        created_at timestamptz NOT NULL,
        CHECK ((kind = 'allocate') = (source_id IS NOT NULL)),
        CHECK ((kind = 'allocate') = (referral_id IS NULL)),
        CHECK ((kind IN ('release', 'charge')) = (settles_entry_id IS NOT NULL)),
        CHECK ((kind = 'release') = (release_reason IS NOT NULL)),
        CHECK ((cause_event_id IS NULL) <> (recorded_by IS NULL))
      )`);
    // A reservation is settled (released or charged) once at most.
    await queryRunner.query(
      `CREATE UNIQUE INDEX ledger_entries_settle_once ON ledger_entries (settles_entry_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_by_budget ON ledger_entries (budget_id, kind, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_by_referral ON ledger_entries (referral_id) WHERE referral_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_by_source ON ledger_entries (source_id) WHERE source_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % refused; correct with a new entry', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_no_update_or_delete
        BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_no_truncate
        BEFORE TRUNCATE ON ledger_entries
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_are_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_entries_are_append_only()`);
    await queryRunner.query(`DROP TABLE budgets`);
    await queryRunner.query(`DROP TABLE funding_sources`);
  }
}
