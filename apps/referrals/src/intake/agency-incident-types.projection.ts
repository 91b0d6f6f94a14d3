import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IncidentTypesMappedV1, IncidentTypeV1 } from '@concord/contracts';
import { AgencyIncidentTypes } from './agency-incident-types.entity';

/** An agency's incident-type mapping as intake has it. */
export interface AgencyIncidentTypesView {
  agencyId: string;
  /** 0 until organization.incident-types-mapped arrives. */
  revision: number;
  types: IncidentTypeV1[];
}

/**
 * Keeps each police agency's incident-type mapping from organization.incident-types-mapped, and
 * answers intake's look-ups from it.
 */
@Injectable()
export class AgencyIncidentTypesProjection {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the mapping unless a newer revision is already here (events may arrive again). */
  async record(manager: EntityManager, mapping: IncidentTypesMappedV1): Promise<void> {
    await manager.query(
      `INSERT INTO agency_incident_types (agency_id, revision, types)
       VALUES ($1, $2, $3)
       ON CONFLICT (agency_id) DO UPDATE
         SET revision = excluded.revision, types = excluded.types
       WHERE agency_incident_types.revision < excluded.revision`,
      [mapping.organizationId, mapping.revision, JSON.stringify(mapping.types)],
    );
  }

  /** The agency's mapping as intake has it: revision 0 and no types before the first event. */
  async view(
    agencyId: string,
  ): Promise<{ agencyId: string; revision: number; types: IncidentTypeV1[] }> {
    const row = await this.dataSource.manager.findOneBy(AgencyIncidentTypes, { agencyId });
    return { agencyId, revision: row?.revision ?? 0, types: row?.types ?? [] };
  }

  /** The agency's mapping by code; empty when the agency has mapped nothing yet. */
  async mappingOf(agencyId: string): Promise<ReadonlyMap<string, IncidentTypeV1>> {
    const row = await this.dataSource.manager.findOneBy(AgencyIncidentTypes, { agencyId });
    return new Map((row?.types ?? []).map((type) => [type.code, type]));
  }
}
