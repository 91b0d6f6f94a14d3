import { Referrals1763790000000 } from './1763790000000-referrals';
import { DirectoryBudgets1763790000100 } from './1763790000100-directory-budgets';
import { ServiceOpenCases1763790000200 } from './1763790000200-service-open-cases';
import { DirectoryVersion1763790000300 } from './1763790000300-directory-version';
import { SealPersonalData1763790000400 } from './1763790000400-seal-personal-data';
import { AgencyIncidentTypes1765200000200 } from './1765200000200-agency-incident-types';

/**
 * The referrals database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const REFERRALS_MIGRATIONS = [
  Referrals1763790000000,
  DirectoryBudgets1763790000100,
  ServiceOpenCases1763790000200,
  DirectoryVersion1763790000300,
  SealPersonalData1763790000400,
  AgencyIncidentTypes1765200000200,
];
