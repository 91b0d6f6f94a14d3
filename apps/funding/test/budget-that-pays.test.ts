import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { budgetThatPays, REFERRAL_CATEGORIES } from '@concord/contracts';
import { findBudgetThatPays } from '../src/budgets/budget-that-pays.query';
import { FUNDING_MIGRATIONS } from '../src/migrations';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/infrastructure';

type Scope = string | null;

/**
 * Funding finds the budget that pays in SQL; referrals' routing decides with budgetThatPays
 * (libs/contracts) which partners' budgets can pay. For every mix of budgets a partner may have
 * under an initiative, both choose the same one.
 */
describe('the budget that pays, in SQL and in TypeScript', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('budget_that_pays');
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: FUNDING_MIGRATIONS,
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const [crisis, housing, youth] = REFERRAL_CATEGORIES;
  const mixes: Scope[][] = [
    [],
    [null],
    [crisis],
    [housing],
    [crisis, null],
    [null, crisis],
    [housing, null],
    [crisis, housing],
    [crisis, housing, null],
    [youth, housing],
  ];

  it.each(mixes.map((mix) => [mix.map((scope) => scope ?? 'general').join(' + ') || 'none', mix]))(
    'agree for a partner with budgets %s',
    async (_name, mix) => {
      const [initiativeId, partnerId] = [randomUUID(), randomUUID()];
      // Another partner's and another initiative's budgets, which neither may choose.
      const strangers = [
        { initiativeId, partnerId: randomUUID() },
        { initiativeId: randomUUID(), partnerId },
      ].flatMap((owner) => [crisis, null].map((category) => ({ ...owner, category })));
      const budgets = (mix as Scope[]).map((category) => ({ initiativeId, partnerId, category }));
      const rows = [...strangers, ...budgets].map((budget) => ({ id: randomUUID(), ...budget }));
      for (const row of rows) {
        await dataSource.query(
          `INSERT INTO budgets (id, initiative_id, partner_id, category, cost_per_case_cents,
                               created_by, created_at)
           VALUES ($1, $2, $3, $4, 25000, 'test', now())`,
          [row.id, row.initiativeId, row.partnerId, row.category],
        );
      }
      const own = rows.filter(
        (row) => row.initiativeId === initiativeId && row.partnerId === partnerId,
      );
      for (const category of [crisis, housing, youth]) {
        const inSql = await findBudgetThatPays(
          dataSource.manager,
          initiativeId,
          partnerId,
          category,
        );
        expect({ category, paying: inSql }).toEqual({
          category,
          paying: budgetThatPays(own, category)?.id,
        });
      }
    },
  );
});
