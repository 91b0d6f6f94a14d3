import { HsdsRecordRejection } from '../hsds/hsds-import.mapper';
import { ImportChange } from '../organizations/organizations.service';
import { HsdsImportCounts, HsdsImportJob, HsdsImportStatus } from './hsds-import-job.entity';

/** An import job as the API answers it: progress, counts, and the report once it has one. */
export interface HsdsImportJobView {
  id: string;
  status: HsdsImportStatus;
  dryRun: boolean;
  /** Records (organisations and services) read so far, out of `total`. */
  done: number;
  total: number;
  counts: HsdsImportCounts;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  /** What the import did (or, in a dry run, would do) to each organisation it could take. */
  changes?: { id: string; name: string; change: ImportChange }[];
  /** Every record it could not take, with the reason for each field. */
  rejected?: HsdsRecordRejection[];
}

export function toImportJobView(
  job: HsdsImportJob,
  report?: Pick<HsdsImportJobView, 'changes' | 'rejected'>,
): HsdsImportJobView {
  return {
    id: job.id,
    status: job.status,
    dryRun: job.dryRun,
    done: job.done,
    total: job.total,
    counts: job.counts,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    ...report,
  };
}
