import { EntityManager } from 'typeorm';
import { budgetThatPaysSql } from '@concord/contracts';

/** The id of the budget that pays a case of `category` (libs/contracts budgetThatPays), in SQL. */
export async function findBudgetThatPays(
  manager: EntityManager,
  initiativeId: string,
  partnerId: string,
  category: string,
): Promise<string | undefined> {
  const [found] = (await manager.query(
    `SELECT id FROM budgets WHERE ${budgetThatPaysSql('$1', '$2', '$3')}`,
    [initiativeId, partnerId, category],
  )) as { id: string }[];
  return found?.id;
}
