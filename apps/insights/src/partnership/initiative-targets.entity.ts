import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KpiTargetV1 } from '@concord/contracts';

/** Each initiative's partners, period and KPI targets, from initiative.* (the latest revision). */
@Entity({ name: 'initiative_targets' })
export class InitiativeTargets {
  @PrimaryColumn({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'uuid', name: 'lead_agency_id' }) leadAgencyId: string;
  @Column({ type: 'uuid', array: true, name: 'partner_ids' }) partnerIds: string[];
  @Column({ type: 'text', array: true }) categories: string[];
  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'date', name: 'period_from' }) periodFrom: string;
  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'date', name: 'period_to' }) periodTo: string;
  @Column({ type: 'jsonb', name: 'kpi_targets' }) kpiTargets: KpiTargetV1[];
  @Column({ type: 'int' }) revision: number;
}
