import { RecordedEvents1763780000100 } from './1763780000100-recorded-events';
import { ReadModels1763780000200 } from './1763780000200-read-models';
import { BudgetBalances1763780000300 } from './1763780000300-budget-balances';
import { FundingRejections1763780000400 } from './1763780000400-funding-rejections';
import { Rollups1763780000500 } from './1763780000500-rollups';
import { DayFigures1765100000100 } from './1765100000100-day-figures';
import { Partnership1765400000100 } from './1765400000100-partnership';
import { ReviewIndexes1765400000400 } from './1765400000400-review-indexes';

/**
 * The insights database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const INSIGHTS_MIGRATIONS = [
  RecordedEvents1763780000100,
  ReadModels1763780000200,
  BudgetBalances1763780000300,
  FundingRejections1763780000400,
  Rollups1763780000500,
  DayFigures1765100000100,
  Partnership1765400000100,
  ReviewIndexes1765400000400,
];
