import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound, unprocessable } from '@concord/platform';
import { HsdsRecordRejection } from '../hsds/hsds-import.mapper';
import { ImportChange } from '../organizations/organizations.service';
import { organizationRecordsOf } from './hsds-dataset';
import { HsdsImportJob } from './hsds-import-job.entity';
import { HsdsImportJobView, toImportJobView } from './hsds-import-job.view';
import { HsdsImportRequest } from './hsds-import.request.dto';
import { HsdsImportRunner } from './hsds-import.runner';

/** Rows per insert statement when a job's records are stored. */
const RECORDS_PER_INSERT = 500;

/**
 * HSDS imports as jobs: the dataset is stored with its job at once, then read in batches in the
 * background (HsdsImportRunner), so a large directory neither holds the request open nor is lost
 * with the process.
 */
@Injectable()
export class HsdsImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: HsdsImportRunner,
  ) {}

  async start(request: HsdsImportRequest, caller: Caller): Promise<HsdsImportJobView> {
    const { records, partial, total, unplaced } = organizationRecordsOf(
      request.organizations ?? [],
      request.services ?? [],
    );
    if (total === 0) {
      throw unprocessable(
        'HSDS_DATASET_EMPTY',
        'organizations and services: the dataset holds no organization and no service',
      );
    }
    const job = Object.assign(new HsdsImportJob(), {
      id: randomUUID(),
      status: 'running',
      dryRun: request.dryRun ?? false,
      options: { ...request.options },
      total,
      done: unplaced.length,
      nextPosition: 0,
      positions: unplaced.length + records.length,
      counts: {
        organizations: { create: 0, update: 0, unchanged: 0, rejected: 0 },
        servicesRejected: unplaced.filter(({ record }) => record === 'service').length,
      },
      error: null,
      leaseUntil: null,
      leaseOwner: null,
      createdBy: caller.subject,
      createdAt: new Date(),
      finishedAt: null,
    } satisfies HsdsImportJob);
    job.counts.organizations.rejected = unplaced.length - job.counts.servicesRejected;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(HsdsImportJob, job);
      // Records that could not be placed come first, already judged; the runner skips them.
      const rows = [
        ...unplaced.map((rejection) => ({ record: {}, rejected: rejection, partial: false })),
        ...records.map((record) => ({ record, rejected: null, partial: partial.has(record) })),
      ];
      for (let start = 0; start < rows.length; start += RECORDS_PER_INSERT) {
        const chunk = rows.slice(start, start + RECORDS_PER_INSERT);
        await manager.query(
          `INSERT INTO hsds_import_records (job_id, position, record, rejected, partial)
           SELECT $1, item.ordinality - 1 + $2::int, item.value->'record',
                  nullif(item.value->'rejected', 'null'::jsonb), (item.value->>'partial')::boolean
             FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS item (value, ordinality)`,
          [job.id, start, JSON.stringify(chunk)],
        );
      }
    });
    this.runner.start(job.id);
    return toImportJobView(job);
  }

  /** The job with its report: every change and every rejected record so far. */
  async get(id: string): Promise<HsdsImportJobView> {
    const job = await this.dataSource.manager.findOneBy(HsdsImportJob, { id });
    if (!job) throw notFound('HSDS_IMPORT_JOB_NOT_FOUND', `import job ${id} does not exist`);
    const rows = (await this.dataSource.query(
      `SELECT record->>'id' AS id, record->>'name' AS name, change, rejected
         FROM hsds_import_records
        WHERE job_id = $1 AND (change IS NOT NULL OR rejected IS NOT NULL)
        ORDER BY position`,
      [id],
    )) as {
      id: string;
      name: string;
      change: ImportChange | null;
      rejected: HsdsRecordRejection[] | HsdsRecordRejection | null;
    }[];
    return toImportJobView(job, {
      changes: rows.flatMap(({ id, name, change }) => (change ? [{ id, name, change }] : [])),
      rejected: rows.flatMap(({ rejected }) =>
        rejected === null ? [] : Array.isArray(rejected) ? rejected : [rejected],
      ),
    });
  }

  /** The latest jobs, newest first, without their reports. */
  async list(): Promise<HsdsImportJobView[]> {
    const jobs = await this.dataSource.manager.find(HsdsImportJob, {
      order: { createdAt: 'DESC' },
      take: 20,
    });
    return jobs.map((job) => toImportJobView(job));
  }
}
