import { MigrationInterface, QueryRunner } from 'typeorm';

const BUDGET_STATE_TYPES = [
  'concord.budget.opened.v1',
  'concord.budget.threshold-reached.v1',
  'concord.budget.exhausted.v1',
  'concord.budget.replenished.v1',
  'concord.budget.topped-up.v1',
];
const RESERVED = 'concord.funding.reserved.v1';
const RELEASED = 'concord.funding.released.v1';
const CHARGED = 'concord.funding.charged.v1';

/**
 * budget_balances: each budget's award and its reserve / release / charge totals, from the
 * amounts of funding's events (BudgetBalance). Filled from the event log already recorded, so an
 * existing database shows the ledger's figures without a rebuild.
 */
export class BudgetBalances1763780000300 implements MigrationInterface {
  name = 'BudgetBalances1763780000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE budget_balances (
        budget_id uuid PRIMARY KEY,
        awarded_cents bigint NOT NULL DEFAULT 0,
        reserve_cents bigint NOT NULL DEFAULT 0,
        release_cents bigint NOT NULL DEFAULT 0,
        charge_cents bigint NOT NULL DEFAULT 0,
        as_of timestamptz NOT NULL,
        event_type text NOT NULL
      )`);
    const amountOf = (type: string) =>
      `coalesce(sum((data ->> 'amountCents')::bigint) FILTER (WHERE type = '${type}'), 0)`;
    await queryRunner.query(
      `INSERT INTO budget_balances (budget_id, awarded_cents, reserve_cents, release_cents,
                                    charge_cents, as_of, event_type)
       SELECT (data ->> 'budgetId')::uuid,
              coalesce(max((data ->> 'awardedCents')::bigint) FILTER (WHERE type = ANY($1)), 0),
              ${amountOf(RESERVED)}, ${amountOf(RELEASED)}, ${amountOf(CHARGED)},
              max(occurred_at),
              (array_agg(type ORDER BY occurred_at DESC, type DESC))[1]
         FROM recorded_events
        WHERE type = ANY($1) OR type IN ('${RESERVED}', '${RELEASED}', '${CHARGED}')
        GROUP BY 1`,
      [BUDGET_STATE_TYPES],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE budget_balances`);
  }
}
