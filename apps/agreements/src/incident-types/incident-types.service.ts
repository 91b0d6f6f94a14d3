import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, mayReach } from '@concord/auth';
import { OrganizationEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { unprocessable } from '@concord/platform';
import { Organization } from '../organizations/organization.entity';
import { organizationNotFound } from '../organizations/organizations.service';
import { IncidentTypeMapping } from './incident-type-mapping.entity';
import { IncidentTypesView, SaveIncidentTypesRequest } from './incident-type-mapping.dto';

const viewOf = (
  organizationId: string,
  mapping: IncidentTypeMapping | null,
): IncidentTypesView => ({
  organizationId,
  revision: mapping?.revision ?? 0,
  types: mapping?.types ?? [],
  updatedAt: mapping?.updatedAt.toISOString() ?? null,
  updatedBy: mapping?.updatedBy ?? null,
});

/**
 * A police agency's mapping from its CAD incident types to Concord's categories and urgencies.
 * Intake (referrals) reads its own copy, kept from organization.incident-types-mapped.
 */
@Injectable()
export class IncidentTypesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Replaces the whole mapping and publishes it, in one transaction. */
  save(
    organizationId: string,
    request: SaveIncidentTypesRequest,
    caller: Caller,
  ): Promise<IncidentTypesView> {
    const seen = new Map<string, number>();
    request.types.forEach(({ code }, index) => {
      const first = seen.get(code);
      if (first !== undefined) {
        throw unprocessable(
          'INCIDENT_TYPE_REPEATED',
          `types.${index}.code: ${code} is already mapped by types.${first}; each code maps once`,
        );
      }
      seen.set(code, index);
    });
    return this.dataSource.transaction(async (manager) => {
      const agency = await manager.findOne(Organization, {
        where: { id: organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!agency) throw organizationNotFound(organizationId);
      if (agency.type !== 'police-agency') {
        throw unprocessable(
          'NOT_A_POLICE_AGENCY',
          `organization ${organizationId} is a ${agency.type}: only a police agency maps incident types`,
        );
      }
      const current = await manager.findOneBy(IncidentTypeMapping, { organizationId });
      const mapping = Object.assign(new IncidentTypeMapping(), {
        organizationId,
        revision: (current?.revision ?? 0) + 1,
        types: request.types.map(({ code, category, urgency }) => ({ code, category, urgency })),
        updatedAt: new Date(),
        updatedBy: caller.subject,
      });
      await manager.save(mapping);
      await this.outbox.publish(manager, OrganizationEvents.incidentTypesMapped, {
        organizationId,
        revision: mapping.revision,
        types: mapping.types,
      });
      return viewOf(organizationId, mapping);
    });
  }

  /** The mapping; an agency's dispatcher reads its own, admins and auditors any. */
  async get(organizationId: string, caller: Caller): Promise<IncidentTypesView> {
    const agency = await this.dataSource.manager.findOneBy(Organization, { id: organizationId });
    if (!agency || !mayReach(caller, agency.id)) throw organizationNotFound(organizationId);
    const mapping = await this.dataSource.manager.findOneBy(IncidentTypeMapping, {
      organizationId,
    });
    return viewOf(organizationId, mapping);
  }
}
