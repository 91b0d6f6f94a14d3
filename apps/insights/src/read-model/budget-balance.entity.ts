import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each budget's money as its ledger moves it, kept from the amounts funding's events carry:
 * every budget.* event gives the award (it only grows: money is added, never taken back), every
 * funding.reserved / funding.released / funding.charged adds its amount to its kind's total. Sums
 * and a maximum come out the same whatever order the events arrive in, and a redelivered event is
 * never applied twice (processed_messages, same transaction). KPI report:
 * reserved = reserve − release − charge, charged = charge, available = awarded − reserved − charged,
 * as funding's ledger derives them (apps/funding/src/ledger/balance.ts).
 */
@Entity({ name: 'budget_balances' })
export class BudgetBalance {
  @PrimaryColumn({ type: 'uuid', name: 'budget_id' }) budgetId: string;
  /** The largest award any budget.* event of the budget carried. */
  @Column({ type: 'bigint', name: 'awarded_cents', default: 0 }) awardedCents: string;
  @Column({ type: 'bigint', name: 'reserve_cents', default: 0 }) reserveCents: string;
  @Column({ type: 'bigint', name: 'release_cents', default: 0 }) releaseCents: string;
  @Column({ type: 'bigint', name: 'charge_cents', default: 0 }) chargeCents: string;
  /** The time and type of the budget's latest event (by event time) of those above. */
  @Column({ type: 'timestamptz', name: 'as_of' }) asOf: Date;
  @Column({ type: 'text', name: 'event_type' }) eventType: string;
}
