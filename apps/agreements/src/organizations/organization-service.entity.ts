import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OpeningHoursV1, ReferralCategory, ServiceArea } from '@concord/contracts';

/** One service of an organisation, shaped after Open Referral HSDS (category, area, schedule). */
@Entity({ name: 'organization_services' })
export class OrganizationService {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  /** The service's place in the organisation's list, as the administrator last sent it. */
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) category: ReferralCategory;
  @Column({ type: 'jsonb' }) area: ServiceArea;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'jsonb' }) hours: OpeningHoursV1;
  @Column({ type: 'jsonb' }) eligibility: { minAge?: number; maxAge?: number };
}
