import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals of each budget's ledger, by kind, kept on the budget's row by the statement that
 * appends an entry, so that a balance is read from one locked row instead of summing every entry
 * of the budget (which grew with every case). Filled from the ledger as it stands.
 */
export class BudgetTotals1765000000200 implements MigrationInterface {
  name = 'BudgetTotals1765000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE budgets
        ADD COLUMN allocate_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN reserve_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN release_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN charge_cents bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE budgets b
         SET allocate_cents = t.allocate, reserve_cents = t.reserve,
             release_cents = t.release, charge_cents = t.charge
        FROM (SELECT budget_id,
                     coalesce(sum(amount_cents) FILTER (WHERE kind = 'allocate'), 0) AS allocate,
                     coalesce(sum(amount_cents) FILTER (WHERE kind = 'reserve'), 0) AS reserve,
                     coalesce(sum(amount_cents) FILTER (WHERE kind = 'release'), 0) AS release,
                     coalesce(sum(amount_cents) FILTER (WHERE kind = 'charge'), 0) AS charge
                FROM ledger_entries GROUP BY budget_id) t
       WHERE b.id = t.budget_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE budgets DROP COLUMN allocate_cents, DROP COLUMN reserve_cents,
        DROP COLUMN release_cents, DROP COLUMN charge_cents`);
  }
}
