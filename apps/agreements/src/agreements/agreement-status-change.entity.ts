import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AgreementStatus } from '@concord/contracts';

/**
 * One status an agreement took: its creation as a draft, then one row per transition, written in
 * the transaction of the change.
 */
@Entity({ name: 'agreement_status_changes' })
export class AgreementStatusChange {
  /**
   * bigserial: orders an agreement's history, whatever the clocks of the instances say, since
   * changes to one agreement are made one after another under its row lock.
   */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  /** The status it took. */
  @Column({ type: 'text' }) status: AgreementStatus;
  /** The status it left; null for the creation of the draft (and for a backfilled row). */
  @Column({ type: 'text', name: 'previous_status', nullable: true })
  previousStatus: AgreementStatus | null;
  /** Why, for a suspension or termination. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', name: 'changed_at' }) changedAt: Date;
  /**
   * The token subject of the administrator whose request made the change, SCHEDULER for the
   * scheduler's activations and expiries, or 'unknown' on a backfilled row.
   */
  @Column({ type: 'text', name: 'changed_by' }) changedBy: string;
}
