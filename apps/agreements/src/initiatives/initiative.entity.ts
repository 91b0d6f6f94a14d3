import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KpiTargetKind, ReferralCategory } from '@concord/contracts';

export interface KpiTarget {
  /** What Concord measures it against; without a kind it is shown, not measured. */
  kind?: KpiTargetKind;
  metric: string;
  target: number;
  unit?: string;
}

/**
 * A joint initiative: a police agency leading a programme with community partners, over some
 * categories and a period. Its partners are in initiative_partners.
 */
@Entity({ name: 'initiatives' })
export class Initiative {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'uuid', name: 'lead_agency_id' }) leadAgencyId: string;
  @Column({ type: 'text', array: true }) categories: ReferralCategory[];
  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'period_from' }) periodFrom: string;
  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'period_to' }) periodTo: string;
  @Column({ type: 'jsonb', name: 'kpi_targets' }) kpiTargets: KpiTarget[];
  /** Grows by one with each change; carried by every initiative.* event. */
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
