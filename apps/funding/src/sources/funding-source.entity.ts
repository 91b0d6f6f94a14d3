import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FundingSourceKind } from '@concord/contracts';
import { bigintAsNumber } from '../ledger/cents';

export { FUNDING_SOURCE_KINDS } from '@concord/contracts';
export type { FundingSourceKind } from '@concord/contracts';

/** A grant or budget line that pays for cases: its award is divided among budgets. */
@Entity({ name: 'funding_sources' })
export class FundingSource {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) name: string;
  /** Who awards the money, e.g. "US DOJ COPS Office". */
  @Column({ type: 'text' }) funder: string;
  @Column({ type: 'text' }) kind: FundingSourceKind;
  @Column({ type: 'bigint', name: 'award_cents', transformer: bigintAsNumber })
  awardCents: number;
  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'period_from' }) periodFrom: string;
  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'period_to' }) periodTo: string;
  /** What the money may and may not pay for, as the award letter says. */
  @Column({ type: 'text', nullable: true }) restrictions: string | null;
  @Column({ type: 'text', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
