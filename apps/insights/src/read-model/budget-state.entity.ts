import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest state of each budget, from the budget.* events (BudgetStateV1). */
@Entity({ name: 'budget_states' })
export class BudgetState {
  @PrimaryColumn({ type: 'uuid', name: 'budget_id' }) budgetId: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  /** Null: the budget covers every category of the initiative. */
  @Column({ type: 'text', nullable: true }) category: string | null;
  @Column({ type: 'bigint', name: 'awarded_cents' }) awardedCents: string;
  @Column({ type: 'bigint', name: 'available_cents' }) availableCents: string;
  @Column({ type: 'bigint', name: 'cost_per_case_cents' }) costPerCaseCents: string;
  /** The time of the event this state comes from; an older event never overwrites a newer one. */
  @Column({ type: 'timestamptz', name: 'as_of' }) asOf: Date;
  @Column({ type: 'text', name: 'event_type' }) eventType: string;
}
