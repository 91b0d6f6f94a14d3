import { Funding1763800000100 } from './1763800000100-funding';

/**
 * The funding database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const FUNDING_MIGRATIONS = [Funding1763800000100];
