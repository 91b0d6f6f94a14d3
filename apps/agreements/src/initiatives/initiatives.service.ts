import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Caller, mayReach } from '@concord/auth';
import { InitiativeEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { notFound, unprocessable } from '@concord/platform';
import { Organization } from '../organizations/organization.entity';
import { CreateInitiativeRequest, KpiTargetRequest } from './initiative.dto';
import { Initiative, KpiTarget } from './initiative.entity';
import { InitiativePartner } from './initiative-partner.entity';
import { InitiativeView, toInitiativeSnapshot, toInitiativeView } from './initiative.view';

/** The targets as stored and published: only the members that were sent. */
const kpiTargetsOf = (requests: KpiTargetRequest[]): KpiTarget[] =>
  requests.map(({ kind, metric, target, unit }) => ({
    ...(kind === undefined ? {} : { kind }),
    metric,
    target,
    ...(unit === undefined ? {} : { unit }),
  }));

export const initiativeNotFound = (id: string) =>
  notFound('INITIATIVE_NOT_FOUND', `initiative ${id} does not exist`);

/**
 * Joint initiatives: a police agency and its partners, over categories and a period. Every change
 * publishes the whole initiative (initiative.launched, initiative.targets-set) in its transaction.
 */
@Injectable()
export class InitiativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  create(request: CreateInitiativeRequest): Promise<InitiativeView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertLeadAgency(manager, request.leadAgencyId);
      await this.assertPartners(manager, request.partnerIds);
      const initiative = manager.create(Initiative, {
        id: randomUUID(),
        name: request.name,
        leadAgencyId: request.leadAgencyId,
        categories: request.categories,
        periodFrom: request.periodFrom,
        periodTo: request.periodTo,
        kpiTargets: kpiTargetsOf(request.kpiTargets ?? []),
        revision: 1,
        createdAt: new Date(),
      });
      await manager.insert(Initiative, initiative);
      await manager.insert(
        InitiativePartner,
        request.partnerIds.map((partnerId) => ({ initiativeId: initiative.id, partnerId })),
      );
      await this.outbox.publish(
        manager,
        InitiativeEvents.launched,
        toInitiativeSnapshot(initiative, request.partnerIds),
      );
      return toInitiativeView(initiative, request.partnerIds);
    });
  }

  /** Replaces the initiative's KPI targets with `targets`; publishes initiative.targets-set. */
  setKpiTargets(id: string, targets: KpiTargetRequest[]): Promise<InitiativeView> {
    return this.dataSource.transaction(async (manager) => {
      const initiative = await manager.findOne(Initiative, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!initiative) throw initiativeNotFound(id);
      initiative.kpiTargets = kpiTargetsOf(targets);
      initiative.revision += 1;
      await manager.save(initiative);
      const partners = await manager.find(InitiativePartner, { where: { initiativeId: id } });
      const partnerIds = partners.map((row) => row.partnerId);
      await this.outbox.publish(
        manager,
        InitiativeEvents.targetsSet,
        toInitiativeSnapshot(initiative, partnerIds),
      );
      return toInitiativeView(initiative, partnerIds);
    });
  }

  /** Every initiative to admins and auditors; others those their organisation is part of. */
  async list(caller: Caller): Promise<InitiativeView[]> {
    const initiatives = await this.dataSource.manager.find(Initiative, {
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const partners = await this.dataSource.manager.find(InitiativePartner, {
      where: { initiativeId: In(initiatives.map(({ id }) => id)) },
    });
    return initiatives
      .map((initiative) =>
        toInitiativeView(
          initiative,
          partners.filter((row) => row.initiativeId === initiative.id).map((row) => row.partnerId),
        ),
      )
      .filter((view) => mayReach(caller, view.leadAgencyId, ...view.partnerIds));
  }

  /** The initiative, or a 404 if absent or one the caller's organisation is not part of. */
  async get(id: string, caller: Caller): Promise<InitiativeView> {
    const found = await this.find(this.dataSource.manager, id);
    if (!found || !mayReach(caller, found.initiative.leadAgencyId, ...found.partnerIds)) {
      throw initiativeNotFound(id);
    }
    return toInitiativeView(found.initiative, found.partnerIds);
  }

  /** The initiative and its partners' ids, or undefined. */
  async find(
    manager: EntityManager,
    id: string,
  ): Promise<{ initiative: Initiative; partnerIds: string[] } | undefined> {
    const initiative = await manager.findOneBy(Initiative, { id });
    if (!initiative) return undefined;
    const partners = await manager.find(InitiativePartner, { where: { initiativeId: id } });
    return { initiative, partnerIds: partners.map((row) => row.partnerId) };
  }

  private async assertLeadAgency(manager: EntityManager, id: string): Promise<void> {
    const lead = await manager.findOneBy(Organization, { id });
    if (!lead || lead.type !== 'police-agency') {
      throw unprocessable(
        'INITIATIVE_LEAD_NOT_AN_AGENCY',
        lead
          ? `leadAgencyId: organization ${id} is a ${lead.type}, not a police-agency`
          : `leadAgencyId: organization ${id} does not exist`,
      );
    }
  }

  private async assertPartners(manager: EntityManager, ids: string[]): Promise<void> {
    const found = await manager.find(Organization, { where: { id: In(ids) } });
    const known = new Set(found.map(({ id }) => id));
    const missing = ids.filter((id) => !known.has(id));
    const agencies = found.filter(({ type }) => type === 'police-agency').map(({ id }) => id);
    const problems = [
      ...(missing.length > 0 ? [`not registered: ${missing.join(', ')}`] : []),
      ...(agencies.length > 0 ? [`police agencies, not partners: ${agencies.join(', ')}`] : []),
    ];
    if (problems.length > 0) {
      throw unprocessable('INITIATIVE_PARTNERS_INVALID', `partnerIds: ${problems.join('; ')}`);
    }
  }
}
