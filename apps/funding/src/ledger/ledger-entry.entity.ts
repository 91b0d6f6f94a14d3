import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReleaseReason } from '@concord/contracts';
import { bigintAsNumber } from './cents';

export const LEDGER_ENTRY_KINDS = ['allocate', 'reserve', 'release', 'charge'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/**
 * One movement of money on a budget. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE,
 * so a mistake is corrected by a new entry, never by editing an old one. `amountCents` is
 * positive; the kind says which way it moves.
 */
@Entity({ name: 'ledger_entries' })
export class LedgerEntry {
  /** The ledger's order (a bigint, as a decimal string). */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'budget_id' }) budgetId: string;
  @Column({ type: 'text' }) kind: LedgerEntryKind;
  @Column({ type: 'bigint', name: 'amount_cents', transformer: bigintAsNumber })
  amountCents: number;
  /** allocate: the funding source the money comes from. */
  @Column({ type: 'uuid', name: 'source_id', nullable: true }) sourceId: string | null;
  /** reserve, release, charge: the referral the case is for. */
  @Column({ type: 'uuid', name: 'referral_id', nullable: true }) referralId: string | null;
  /** release, charge: the reserve entry this one settles (at most one entry settles a reserve). */
  @Column({ type: 'bigint', name: 'settles_entry_id', nullable: true })
  settlesEntryId: string | null;
  /** release: why the reservation was given back. */
  @Column({ type: 'text', name: 'release_reason', nullable: true })
  releaseReason: ReleaseReason | null;
  /** The event whose handling wrote the entry (reserve, release, charge). */
  @Column({ type: 'text', name: 'cause_event_id', nullable: true }) causeEventId: string | null;
  /** The caller (token subject) whose request wrote the entry (allocate). */
  @Column({ type: 'text', name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
