import { Funding1763800000100 } from './1763800000100-funding';
import { BudgetTotals1765000000200 } from './1765000000200-budget-totals';

/**
 * The funding database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const FUNDING_MIGRATIONS = [Funding1763800000100, BudgetTotals1765000000200];
