import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IncidentTypeV1 } from '@concord/contracts';

/** This service's copy of a police agency's incident-type mapping, for EIDO intake. */
@Entity({ name: 'agency_incident_types' })
export class AgencyIncidentTypes {
  @PrimaryColumn({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'jsonb' }) types: IncidentTypeV1[];
}
