import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Caller, mayReach, organizationScopeOf } from '@concord/auth';
import { OrganizationEvents, OrganizationType } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { notFound, unprocessable } from '@concord/platform';
import {
  ListOrganizationsQuery,
  OrganizationServiceRequest,
  SaveOrganizationRequest,
} from './organization.dto';
import { Organization } from './organization.entity';
import { OrganizationService } from './organization-service.entity';
import {
  OrganizationServiceView,
  OrganizationView,
  toOrganizationSnapshot,
  toOrganizationView,
} from './organization.view';

const isAgency = (type: string): boolean => type === 'police-agency';

/** An organisation as an import gives it: its own id and its services' ids. */
export interface OrganizationWithIds {
  id: string;
  name: string;
  type: OrganizationType;
  services: (OrganizationServiceRequest & { id: string })[];
}

/** What saving an imported organisation did, or would do (a dry run). */
export type ImportChange = 'create' | 'update' | 'unchanged';

/** A service of the import that belongs to another organisation: Concord cannot take it. */
export interface ForeignService {
  id: string;
  organizationId: string;
}

/** JSON with sorted keys: jsonb gives an object's keys back in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );

const sameServices = (a: OrganizationServiceView[], b: OrganizationServiceView[]): boolean =>
  canonical(a) === canonical(b);

/** Registers and updates organisations; every change publishes the whole new snapshot. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  register(request: SaveOrganizationRequest): Promise<OrganizationView> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const organization = manager.create(Organization, {
        id: randomUUID(),
        name: request.name,
        type: request.type,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      const services = this.servicesOf(organization.id, request, new Set());
      await manager.insert(Organization, organization);
      await this.replaceServices(manager, organization.id, services);
      await this.outbox.publish(
        manager,
        OrganizationEvents.registered,
        toOrganizationSnapshot(organization, services),
      );
      return toOrganizationView(organization, services);
    });
  }

  /**
   * Replaces the organisation's details and services with the request's. A service that carries
   * its `id` keeps it; one without gets a new id; one left out is removed.
   */
  update(id: string, request: SaveOrganizationRequest): Promise<OrganizationView> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw organizationNotFound(id);
      if (isAgency(organization.type) !== isAgency(request.type)) {
        throw unprocessable(
          'ORGANIZATION_TYPE_CHANGE_NOT_ALLOWED',
          `cannot change organization ${id} from ${organization.type} to ${request.type}: a police agency cannot become a partner, nor a partner a police agency`,
        );
      }
      const existing = await manager.find(OrganizationService, {
        select: { id: true },
        where: { organizationId: id },
      });
      const services = this.servicesOf(id, request, new Set(existing.map(({ id }) => id)));
      Object.assign(organization, {
        name: request.name,
        type: request.type,
        revision: organization.revision + 1,
        updatedAt: new Date(),
      });
      await manager.save(organization);
      await this.replaceServices(manager, id, services);
      await this.outbox.publish(
        manager,
        OrganizationEvents.updated,
        toOrganizationSnapshot(organization, services),
      );
      return toOrganizationView(organization, services);
    });
  }

  /**
   * Creates or updates an organisation under the id it came with (an HSDS import keeps HSDS ids),
   * with the given services and those of its current ones it `keeps`, publishing as register and
   * update do; nothing when it is already so. With `dryRun`, only says what it would do.
   * Services whose id another organisation holds are left out and returned.
   */
  async saveWithIds(
    manager: EntityManager,
    imported: OrganizationWithIds,
    dryRun: boolean,
    /** Which of its current services the organisation keeps though the import leaves them out. */
    keeps: (serviceId: string) => boolean = () => false,
  ): Promise<{ change: ImportChange; foreign: ForeignService[] }> {
    const organization = await manager.findOne(Organization, {
      where: { id: imported.id },
      lock: dryRun ? undefined : { mode: 'pessimistic_write' },
    });
    const foreign = (
      await manager.find(OrganizationService, {
        select: { id: true, organizationId: true },
        where: { id: In(imported.services.map(({ id }) => id)) },
      })
    ).filter((service) => service.organizationId !== imported.id);
    const taken = new Set(foreign.map(({ id }) => id));
    const given = imported.services.filter((service) => !taken.has(service.id));
    const givenIds = new Set(given.map(({ id }) => id));
    const current = organization
      ? await manager.find(OrganizationService, {
          where: { organizationId: organization.id },
          order: { position: 'ASC' },
        })
      : [];
    const kept = current
      .filter(({ id }) => !givenIds.has(id) && keeps(id))
      .map(({ id, name, category, area, capacity, hours, eligibility }) => ({
        ...{ id, name, category, area, capacity, hours, eligibility },
      }));
    const request = { ...imported, services: [...kept, ...given] };
    const services = this.servicesOf(
      imported.id,
      request,
      new Set(request.services.map(({ id }) => id)),
    );
    const foreignServices = foreign.map(({ id, organizationId }) => ({ id, organizationId }));
    if (!organization) {
      if (!dryRun) {
        const now = new Date();
        const created = manager.create(Organization, {
          ...{ id: imported.id, name: imported.name, type: imported.type },
          ...{ revision: 1, createdAt: now, updatedAt: now },
        });
        await manager.insert(Organization, created);
        await this.replaceServices(manager, created.id, services);
        await this.outbox.publish(
          manager,
          OrganizationEvents.registered,
          toOrganizationSnapshot(created, services),
        );
      }
      return { change: 'create', foreign: foreignServices };
    }
    if (isAgency(organization.type) !== isAgency(imported.type)) {
      throw unprocessable(
        'ORGANIZATION_TYPE_CHANGE_NOT_ALLOWED',
        `cannot change organization ${organization.id} from ${organization.type} to ${imported.type}`,
      );
    }
    const unchanged =
      organization.name === imported.name &&
      organization.type === imported.type &&
      sameServices(
        toOrganizationView(organization, current).services,
        toOrganizationView(organization, services).services,
      );
    if (unchanged) return { change: 'unchanged', foreign: foreignServices };
    if (!dryRun) {
      Object.assign(organization, {
        name: imported.name,
        type: imported.type,
        revision: organization.revision + 1,
        updatedAt: new Date(),
      });
      await manager.save(organization);
      await this.replaceServices(manager, organization.id, services);
      await this.outbox.publish(
        manager,
        OrganizationEvents.updated,
        toOrganizationSnapshot(organization, services),
      );
    }
    return { change: 'update', foreign: foreignServices };
  }

  /** Every organisation to admins and auditors; a dispatcher or partner only its own. */
  async list(query: ListOrganizationsQuery, caller: Caller): Promise<OrganizationView[]> {
    const scope = organizationScopeOf(caller);
    const organizations = await this.dataSource.manager.find(Organization, {
      where: {
        ...(query.type ? { type: query.type } : {}),
        ...(scope === null ? {} : { id: scope }),
      },
      order: { name: 'ASC', id: 'ASC' },
    });
    const services = await this.dataSource.manager.find(OrganizationService, {
      where: { organizationId: In(organizations.map(({ id }) => id)) },
      order: { position: 'ASC' },
    });
    return organizations.map((organization) =>
      toOrganizationView(
        organization,
        services.filter((service) => service.organizationId === organization.id),
      ),
    );
  }

  /** The organisation, or a 404 if absent or (for a dispatcher or partner) not its own. */
  async get(id: string, caller: Caller): Promise<OrganizationView> {
    const organization = await this.dataSource.manager.findOneBy(Organization, { id });
    if (!organization || !mayReach(caller, organization.id)) throw organizationNotFound(id);
    const services = await this.dataSource.manager.find(OrganizationService, {
      where: { organizationId: id },
      order: { position: 'ASC' },
    });
    return toOrganizationView(organization, services);
  }

  /** The request's services as rows; every given id must be one of `knownIds`, once. */
  private servicesOf(
    organizationId: string,
    request: Pick<SaveOrganizationRequest, 'services'>,
    knownIds: ReadonlySet<string>,
  ): OrganizationService[] {
    const seen = new Set<string>();
    return request.services.map((service, position) => {
      if (service.id !== undefined) {
        if (!knownIds.has(service.id)) {
          throw unprocessable(
            'ORGANIZATION_SERVICE_NOT_FOUND',
            `services.${position}.id: organization ${organizationId} has no service ${service.id}; leave the id out to add a new service`,
          );
        }
        if (seen.has(service.id)) {
          throw unprocessable(
            'ORGANIZATION_SERVICE_REPEATED',
            `services.${position}.id: service ${service.id} appears more than once`,
          );
        }
        seen.add(service.id);
      }
      const { minAge, maxAge } = service.eligibility ?? {};
      return Object.assign(new OrganizationService(), {
        id: service.id ?? randomUUID(),
        organizationId,
        position,
        name: service.name,
        category: service.category,
        area: service.area,
        capacity: service.capacity,
        hours: {
          alwaysOpen: service.hours.alwaysOpen,
          timeZone: service.hours.timeZone,
          weekly: service.hours.weekly.map(({ day, opens, closes }) => ({ day, opens, closes })),
        },
        eligibility: {
          ...(minAge === undefined || minAge === null ? {} : { minAge }),
          ...(maxAge === undefined || maxAge === null ? {} : { maxAge }),
        },
      });
    });
  }

  private async replaceServices(
    manager: EntityManager,
    organizationId: string,
    services: OrganizationService[],
  ): Promise<void> {
    await manager.delete(OrganizationService, { organizationId });
    if (services.length > 0) await manager.insert(OrganizationService, services);
  }
}

export const organizationNotFound = (id: string) =>
  notFound('ORGANIZATION_NOT_FOUND', `organization ${id} does not exist`);
