import { MigrationInterface, QueryRunner } from 'typeorm';

// As read-model/rollups.ts and kpis/day-figures.sql.ts have them; a migration keeps its own copy.
const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';
const CHANNEL = 'concord_day_figures';
/** The day key of referral_facts rows `f`. */
const keyOf = (f: string) =>
  `(${f}.submitted_at AT TIME ZONE 'UTC')::date, coalesce(${f}.initiative_id, '${UNKNOWN_ID}'::uuid),
   coalesce(${f}.category, '')`;

/**
 * referral_day_figures (DayFigures) and day_figures_stale, with the triggers that note a day key
 * as stale in the statement that changes one of its facts, offers or funding rejections, and
 * notify the refresher when that commits. Statement triggers over transition tables: one insert
 * of the distinct keys per statement, however many rows it changed. Every key already there is
 * noted as stale, so the service's refresher fills the rows when it starts; until then GET /kpis
 * computes those days from the facts as before.
 */
export class DayFigures1765100000100 implements MigrationInterface {
  name = 'DayFigures1765100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const count = (column: string) => `${column} int NOT NULL`;
    await queryRunner.query(`
      CREATE TABLE referral_day_figures (
        day date NOT NULL,
        initiative_id uuid NOT NULL,
        category text NOT NULL,
        ${['submitted', 'assigned', 'unassignable', 'accepted', 'unfunded', 'cancelled'].map(count).join(', ')},
        ${count('successful')}, ${count('unsuccessful')},
        unsuccessful_by_reason jsonb NOT NULL,
        charged_cents bigint NOT NULL,
        assign_histogram jsonb NOT NULL,
        accept_histogram jsonb NOT NULL,
        ${['made', 'open', 'accepted', 'declined', 'expired', 'withdrawn', 'cancelled'].map((ending) => count(`offers_${ending}`)).join(', ')},
        declined_by_reason jsonb NOT NULL,
        PRIMARY KEY (day, initiative_id, category)
      )`);
    await queryRunner.query(`
      CREATE TABLE day_figures_stale (
        id bigserial PRIMARY KEY,
        day date NOT NULL,
        initiative_id uuid NOT NULL,
        category text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX day_figures_stale_by_key ON day_figures_stale (day, initiative_id, category)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION day_figures_stale_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          INSERT INTO day_figures_stale (day, initiative_id, category)
          SELECT DISTINCT ${keyOf('f')}
            FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) f
           WHERE f.submitted_at IS NOT NULL;
        ELSE
          INSERT INTO day_figures_stale (day, initiative_id, category)
          SELECT DISTINCT ${keyOf('f')} FROM new_rows f WHERE f.submitted_at IS NOT NULL;
        END IF;
        IF FOUND THEN PERFORM pg_notify('${CHANNEL}', ''); END IF;
        RETURN NULL;
      END $$`);
    // An offer's or a rejection's referral: its fact row says which day key it counts in.
    await queryRunner.query(`
      CREATE FUNCTION day_figures_stale_of_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO day_figures_stale (day, initiative_id, category)
        SELECT DISTINCT ${keyOf('f')} FROM referral_facts f
         WHERE f.referral_id IN (SELECT referral_id FROM new_rows) AND f.submitted_at IS NOT NULL;
        IF FOUND THEN PERFORM pg_notify('${CHANNEL}', ''); END IF;
        RETURN NULL;
      END $$`);
    for (const [trigger, table, event, transitions, fn] of [
      ['facts_inserted', 'referral_facts', 'INSERT', 'NEW TABLE AS new_rows', 'facts'],
      [
        'facts_updated',
        'referral_facts',
        'UPDATE',
        'OLD TABLE AS old_rows NEW TABLE AS new_rows',
        'facts',
      ],
      ['offers_inserted', 'referral_offers', 'INSERT', 'NEW TABLE AS new_rows', 'of_referrals'],
      ['offers_updated', 'referral_offers', 'UPDATE', 'NEW TABLE AS new_rows', 'of_referrals'],
      [
        'rejections_inserted',
        'funding_rejections',
        'INSERT',
        'NEW TABLE AS new_rows',
        'of_referrals',
      ],
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER day_figures_${trigger} AFTER ${event} ON ${table}
          REFERENCING ${transitions}
          FOR EACH STATEMENT EXECUTE FUNCTION day_figures_stale_${fn}()`);
    }
    await queryRunner.query(
      `INSERT INTO day_figures_stale (day, initiative_id, category)
       SELECT DISTINCT ${keyOf('f')} FROM referral_facts f WHERE f.submitted_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['facts_inserted', 'referral_facts'],
      ['facts_updated', 'referral_facts'],
      ['offers_inserted', 'referral_offers'],
      ['offers_updated', 'referral_offers'],
      ['rejections_inserted', 'funding_rejections'],
    ]) {
      await queryRunner.query(`DROP TRIGGER day_figures_${trigger} ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION day_figures_stale_of_referrals()`);
    await queryRunner.query(`DROP FUNCTION day_figures_stale_facts()`);
    await queryRunner.query(`DROP TABLE day_figures_stale`);
    await queryRunner.query(`DROP TABLE referral_day_figures`);
  }
}
