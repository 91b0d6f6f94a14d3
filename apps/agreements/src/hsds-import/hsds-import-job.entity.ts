import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HsdsImportOptions } from '../hsds/hsds-import.mapper';

export type HsdsImportStatus = 'running' | 'succeeded' | 'failed';

/** How many organisations and services an import created, updated, left alone or rejected. */
export interface HsdsImportCounts {
  organizations: { create: number; update: number; unchanged: number; rejected: number };
  /** Services rejected on their own, their organisation taken without them. */
  servicesRejected: number;
}

/** One import of an HSDS dataset (or a dry run of it), run in the background in batches. */
@Entity({ name: 'hsds_import_jobs' })
export class HsdsImportJob {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) status: HsdsImportStatus;
  @Column({ type: 'boolean', name: 'dry_run' }) dryRun: boolean;
  @Column({ type: 'jsonb' }) options: HsdsImportOptions;
  /** Records in the dataset: its organisations and their services. */
  @Column({ type: 'int' }) total: number;
  /** Records read so far, out of `total`. */
  @Column({ type: 'int' }) done: number;
  /** The position of the first organisation record not yet read. */
  @Column({ type: 'int', name: 'next_position' }) nextPosition: number;
  /** The number of organisation records (positions 0 to positions - 1). */
  @Column({ type: 'int' }) positions: number;
  @Column({ type: 'jsonb' }) counts: HsdsImportCounts;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** Until when the instance running the job holds it; after that, another may take it over. */
  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  /** The runner (one per process) that holds the lease. */
  @Column({ type: 'uuid', name: 'lease_owner', nullable: true }) leaseOwner: string | null;
  @Column({ type: 'text', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
