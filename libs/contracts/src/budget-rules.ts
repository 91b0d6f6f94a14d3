/**
 * Which budget pays for a case, and when it can: one definition for funding, which reserves the
 * money, and for referrals, which keeps partners whose budget cannot pay out of routing.
 */

/** A budget as these rules read it: its scope and its money. */
export interface BudgetScope {
  /** Null: the partner's general budget, for every category without a budget of its own. */
  readonly category: string | null;
}

/**
 * Of one partner's budgets under one initiative, the one that pays a case of `category`: its
 * budget for that category, else its general budget; none when it has neither. (Funding looks
 * it up in SQL for speed, `budgetThatPaysSql`; apps/funding/test/budget-that-pays.test.ts proves
 * the two agree.)
 */
export function budgetThatPays<B extends BudgetScope>(
  budgets: readonly B[],
  category: string,
): B | undefined {
  return (
    budgets.find((budget) => budget.category === category) ??
    budgets.find((budget) => budget.category === null)
  );
}

/**
 * The same choice as a WHERE and ORDER BY over a `budgets` table with `initiative_id`,
 * `partner_id` and `category`: parameters are the initiative, the partner and the category.
 */
export const budgetThatPaysSql = (initiative: string, partner: string, category: string) =>
  `initiative_id = ${initiative} AND partner_id = ${partner}
   AND (category = ${category} OR category IS NULL)
   ORDER BY category NULLS LAST LIMIT 1`;

/** A budget can pay for another case while what is available covers the cost of one. */
export const coversACase = (availableCents: number, costPerCaseCents: number): boolean =>
  availableCents >= costPerCaseCents;
