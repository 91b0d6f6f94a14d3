import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ReferralCategory } from '@concord/contracts';
import { bigintAsNumber } from '../ledger/cents';

/**
 * The money for one initiative's cases with one partner, for one category or (category null) for
 * every category without a budget of its own. Its balance is derived from the ledger's running
 * totals; the two flags only remember which budget.* signals are out, so that each goes out once.
 */
@Entity({ name: 'budgets' })
export class Budget {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'text', nullable: true }) category: ReferralCategory | null;
  @Column({ type: 'bigint', name: 'cost_per_case_cents', transformer: bigintAsNumber })
  costPerCaseCents: number;
  /** budget.threshold-reached is out, and no top-up has brought usage back under it since. */
  @Column({ type: 'boolean', name: 'threshold_reached' }) thresholdReached: boolean;
  /** budget.exhausted is out, and no budget.replenished since. */
  @Column({ type: 'boolean' }) exhausted: boolean;
  /**
   * The sums of the budget's ledger entries by kind, kept by the statement that appends an entry
   * (BudgetLedger.append): the balance is read from them.
   */
  @Column({ type: 'bigint', name: 'allocate_cents', transformer: bigintAsNumber })
  allocateCents: number;
  @Column({ type: 'bigint', name: 'reserve_cents', transformer: bigintAsNumber })
  reserveCents: number;
  @Column({ type: 'bigint', name: 'release_cents', transformer: bigintAsNumber })
  releaseCents: number;
  @Column({ type: 'bigint', name: 'charge_cents', transformer: bigintAsNumber })
  chargeCents: number;
  @Column({ type: 'text', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
