import { Organizations1763790000100 } from './1763790000100-organizations';
import { Initiatives1763790000200 } from './1763790000200-initiatives';
import { Agreements1763790000300 } from './1763790000300-agreements';
import { ConsentAndPart2Terms1763790000400 } from './1763790000400-consent-and-part2-terms';
import { DraftsExpire1763790000500 } from './1763790000500-drafts-expire';
import { AgreementStatusChanges1763790000600 } from './1763790000600-agreement-status-changes';
import { IncidentTypeMappings1765200000100 } from './1765200000100-incident-type-mappings';
import { HsdsImportJobs1765200000200 } from './1765200000200-hsds-import-jobs';
import { Activities1765400000100 } from './1765400000100-activities';
import { Surveys1765400000200 } from './1765400000200-surveys';

/**
 * The agreements database's own migrations, in order. The messaging tables (outbox, processed
 * messages, retries) come from @concord/messaging and run first.
 */
export const AGREEMENTS_MIGRATIONS = [
  Organizations1763790000100,
  Initiatives1763790000200,
  Agreements1763790000300,
  ConsentAndPart2Terms1763790000400,
  DraftsExpire1763790000500,
  AgreementStatusChanges1763790000600,
  IncidentTypeMappings1765200000100,
  HsdsImportJobs1765200000200,
  Activities1765400000100,
  Surveys1765400000200,
];
