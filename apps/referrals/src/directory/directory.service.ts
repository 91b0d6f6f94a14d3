import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import {
  AgreementSnapshotV1,
  BudgetStateV1,
  budgetThatPays,
  coversACase,
  OrganizationChangedV1,
  ReferralCategory,
} from '@concord/contracts';
import { DirectoryAgreement, DirectoryBudget, DirectoryOrganization } from './directory.entities';

/** Keeps this service's copy of partners and agreements from the snapshots their events carry. */
@Injectable()
export class DirectoryService {
  /** The last routing directory loaded, with the version it was loaded at. */
  private routingCopy?: RoutingDirectory;

  /** Stores the snapshot unless a newer revision is already here (events may arrive again). */
  async recordOrganization(manager: EntityManager, snapshot: OrganizationChangedV1): Promise<void> {
    await manager.query(
      `INSERT INTO directory_organizations (id, name, type, revision, services)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET name = excluded.name, type = excluded.type, revision = excluded.revision,
             services = excluded.services
       WHERE directory_organizations.revision < excluded.revision`,
      [
        snapshot.organizationId,
        snapshot.name,
        snapshot.type,
        snapshot.revision,
        JSON.stringify(snapshot.services),
      ],
    );
  }

  /** Agreement events are keyed by agreement, so they arrive in order: the last one wins. */
  async recordAgreement(manager: EntityManager, snapshot: AgreementSnapshotV1): Promise<void> {
    await manager.upsert(
      DirectoryAgreement,
      {
        id: snapshot.agreementId,
        agencyId: snapshot.agencyId,
        partnerId: snapshot.partnerId,
        version: snapshot.version,
        status: snapshot.status,
        terms: { ...snapshot },
      },
      ['id'],
    );
  }

  findAgreement(manager: EntityManager, agreementId: string): Promise<DirectoryAgreement | null> {
    return manager.findOneBy(DirectoryAgreement, { id: agreementId });
  }

  findBudget(manager: EntityManager, id: string): Promise<DirectoryBudget | null> {
    return manager.findOneBy(DirectoryBudget, { id });
  }

  findOrganization(manager: EntityManager, id: string): Promise<DirectoryOrganization | null> {
    return manager.findOneBy(DirectoryOrganization, { id });
  }

  /** Budget events are keyed by budget, so they arrive in order: the last one wins. */
  async recordBudget(manager: EntityManager, state: BudgetStateV1): Promise<void> {
    await manager.upsert(
      DirectoryBudget,
      {
        id: state.budgetId,
        initiativeId: state.initiativeId,
        partnerId: state.partnerId,
        category: state.category ?? null,
        availableCents: state.availableCents,
        costPerCaseCents: state.costPerCaseCents,
      },
      ['id'],
    );
  }

  /**
   * The routing directory as of `version` (read in the caller's transaction from
   * `directory_version`); loaded again only when the version changed. The tables are read after
   * the version, so the copy is at least as new as its label and a later change is never missed.
   * (A transaction that changes the directory must not route in it: its copy would be labelled
   * with a version that may never commit.)
   */
  async routing(manager: EntityManager, version: string): Promise<RoutingDirectory> {
    if (this.routingCopy?.version === version) return this.routingCopy;
    const [partners, agreements, budgets] = await Promise.all([
      manager.find(DirectoryOrganization, { where: { type: Not('police-agency') } }),
      manager.find(DirectoryAgreement),
      manager.find(DirectoryBudget),
    ]);
    this.routingCopy = new RoutingDirectory(version, partners, agreements, budgets);
    return this.routingCopy;
  }
}

/** What routing reads of the directory: every partner, agreement and budget, as of one version. */
export class RoutingDirectory {
  private readonly agreementsByAgency: Map<string, DirectoryAgreement[]>;
  private readonly budgetsByPartnerAndInitiative: Map<string, DirectoryBudget[]>;

  constructor(
    readonly version: string,
    readonly partners: readonly DirectoryOrganization[],
    agreements: readonly DirectoryAgreement[],
    budgets: readonly DirectoryBudget[],
  ) {
    this.agreementsByAgency = groupBy(agreements, (agreement) => agreement.agencyId);
    this.budgetsByPartnerAndInitiative = groupBy(
      budgets,
      (budget) => `${budget.partnerId}:${budget.initiativeId}`,
    );
  }

  agreementsOf(agencyId: string): readonly DirectoryAgreement[] {
    return this.agreementsByAgency.get(agencyId) ?? [];
  }

  /**
   * For each partner, the initiatives under which the budget that funding would charge for this
   * category (the category's own budget, else the partner's general one) cannot cover a case.
   */
  exhaustedBudgets(category: ReferralCategory): Map<string, Set<string>> {
    const exhausted = new Map<string, Set<string>>();
    for (const budgets of this.budgetsByPartnerAndInitiative.values()) {
      const paying = budgetThatPays(budgets, category);
      if (!paying || coversACase(paying.availableCents, paying.costPerCaseCents)) continue;
      const initiatives = exhausted.get(paying.partnerId) ?? new Set<string>();
      initiatives.add(paying.initiativeId);
      exhausted.set(paying.partnerId, initiatives);
    }
    return exhausted;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
