import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each partner service's declared capacity in open cases, from organization.registered/updated:
 * the organisation's rows are replaced by a newer revision's services.
 */
@Entity({ name: 'partner_capacities' })
export class PartnerCapacity {
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  @PrimaryColumn({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Column({ type: 'text', name: 'organization_name' }) organizationName: string;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int' }) revision: number;
}
