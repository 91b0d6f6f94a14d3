import { Organizations1763790000100 } from './1763790000100-organizations';
import { Initiatives1763790000200 } from './1763790000200-initiatives';
import { Agreements1763790000300 } from './1763790000300-agreements';

/**
 * The agreements database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const AGREEMENTS_MIGRATIONS = [
  Organizations1763790000100,
  Initiatives1763790000200,
  Agreements1763790000300,
];
