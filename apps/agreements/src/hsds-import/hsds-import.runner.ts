import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@concord/platform';
import { concordOrganizationOf, HsdsRecordRejection } from '../hsds/hsds-import.mapper';
import { AgreementsConfig } from '../agreements.config';
import { OrganizationsService } from '../organizations/organizations.service';
import { HsdsImportJob } from './hsds-import-job.entity';

/** Organisation records read in one transaction. */
const BATCH = 25;

interface RecordRow {
  position: number;
  record: Record<string, unknown>;
  partial: boolean;
}

/**
 * Reads import jobs in batches, each batch in one transaction with the job's progress, so that a
 * job a process was running when it died is taken over where it stopped (by any instance, once
 * its lease has run out). Each record is saved as the organisations API saves, events included;
 * in a dry run nothing is written but the report.
 */
@Injectable()
export class HsdsImportRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HsdsImportRunner.name);
  private readonly runnerId = randomUUID();
  private readonly running = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly config: AgreementsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const sweepMs = Math.max(250, Math.floor(this.config.HSDS_IMPORT_LEASE_MS / 4));
    this.sweeper = setInterval(() => void this.takeOverAbandoned(), sweepMs);
    void this.takeOverAbandoned();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    clearInterval(this.sweeper);
  }

  /** Runs the job in the background until it is done. */
  start(jobId: string): void {
    void this.run(jobId);
  }

  private async takeOverAbandoned(): Promise<void> {
    try {
      const rows = (await this.dataSource.query(
        `SELECT id FROM hsds_import_jobs
          WHERE status = 'running' AND (lease_until IS NULL OR lease_until < now())`,
      )) as { id: string }[];
      for (const { id } of rows) this.start(id);
    } catch (error) {
      this.logger.warn(`cannot look for abandoned import jobs: ${String(error)}`);
    }
  }

  private async run(jobId: string): Promise<void> {
    if (this.running.has(jobId)) return;
    this.running.add(jobId);
    try {
      while (!this.stopping && (await this.runBatch(jobId)));
    } catch (error) {
      this.logger.error(`import job ${jobId} failed: ${String(error)}`);
      await this.dataSource.query(
        `UPDATE hsds_import_jobs
            SET status = 'failed', error = $2, finished_at = now(), lease_until = NULL
          WHERE id = $1 AND status = 'running'`,
        [jobId, error instanceof Error ? error.message : String(error)],
      );
    } finally {
      this.running.delete(jobId);
    }
  }

  /** One batch of the job, if this runner holds (or can take) it; true when more remain. */
  private runBatch(jobId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [job] = (await manager
        .createQueryBuilder(HsdsImportJob, 'job')
        .setLock('pessimistic_write')
        .where(`job.id = :jobId AND job.status = 'running'`, { jobId })
        .andWhere(
          '(job.lease_until IS NULL OR job.lease_until < now() OR job.lease_owner = :runner)',
          { runner: this.runnerId },
        )
        .getMany()) as (HsdsImportJob | undefined)[];
      if (!job) return false;
      const rows = (await manager.query(
        `SELECT position, record, partial FROM hsds_import_records
          WHERE job_id = $1 AND position >= $2 AND rejected IS NULL AND change IS NULL
          ORDER BY position LIMIT $3`,
        [jobId, job.nextPosition, BATCH],
      )) as RecordRow[];
      for (const row of rows) await this.read(manager, job, row);
      const last = rows.at(-1);
      const finished = last === undefined;
      await manager.update(HsdsImportJob, jobId, {
        done: finished ? job.total : job.done,
        nextPosition: last ? last.position + 1 : job.positions,
        counts: job.counts,
        status: finished ? 'succeeded' : 'running',
        finishedAt: finished ? new Date() : null,
        leaseOwner: finished ? null : this.runnerId,
      });
      // The database's clock, which every instance compares leases with.
      await manager.query(
        `UPDATE hsds_import_jobs
            SET lease_until = CASE WHEN $2 THEN NULL ELSE now() + $3 * interval '1 millisecond' END
          WHERE id = $1`,
        [jobId, finished, this.config.HSDS_IMPORT_LEASE_MS],
      );
      return !finished;
    });
  }

  /** Reads one organisation record: saves it (or says what it would do) and reports on it. */
  private async read(manager: EntityManager, job: HsdsImportJob, row: RecordRow): Promise<void> {
    const services = Array.isArray(row.record.services) ? row.record.services.length : 0;
    const outcome = concordOrganizationOf(row.record, job.options);
    const rejected: HsdsRecordRejection[] = [...outcome.rejected];
    let change: string | null = null;
    if (outcome.organization) {
      try {
        // A refused service stays as it is; so do the others when the record lists only some.
        const refused = new Set(
          rejected.flatMap(({ record, id }) => (record === 'service' && id ? [id] : [])),
        );
        const saved = await this.organizations.saveWithIds(
          manager,
          outcome.organization,
          job.dryRun,
          (serviceId) => row.partial || refused.has(serviceId),
        );
        change = saved.change;
        job.counts.organizations[saved.change] += 1;
        for (const foreign of saved.foreign) {
          rejected.push({
            record: 'service',
            id: foreign.id,
            problems: [
              {
                field: 'id',
                message: `service ${foreign.id} belongs to organization ${foreign.organizationId} in Concord; an HSDS id names one service of one organization`,
              },
            ],
          });
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({
          record: 'organization',
          id: outcome.organization.id,
          name: outcome.organization.name,
          problems: [{ field: 'id', message: error.message }],
        });
      }
    }
    for (const rejection of rejected) {
      if (rejection.record === 'organization') job.counts.organizations.rejected += 1;
      else job.counts.servicesRejected += 1;
    }
    await manager.query(
      `UPDATE hsds_import_records SET change = $3, rejected = $4
        WHERE job_id = $1 AND position = $2`,
      [job.id, row.position, change, rejected.length > 0 ? JSON.stringify(rejected) : null],
    );
    job.done += 1 + services;
  }
}
