import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IncidentTypeV1 } from '@concord/contracts';

/** A police agency's incident-type mapping: one row per agency, the whole list replaced at once. */
@Entity({ name: 'incident_type_mappings' })
export class IncidentTypeMapping {
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  /** Grows by one with each change; carried by organization.incident-types-mapped. */
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'jsonb' }) types: IncidentTypeV1[];
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  /** The token subject of the administrator who made the change. */
  @Column({ type: 'text', name: 'updated_by' }) updatedBy: string;
}
