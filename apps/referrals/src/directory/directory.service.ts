import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AgreementSnapshotV1,
  BudgetStateV1,
  OrganizationChangedV1,
  ReferralCategory,
} from '@concord/contracts';
import { DirectoryAgreement, DirectoryBudget, DirectoryOrganization } from './directory.entities';

/** Keeps this service's copy of partners and agreements from the snapshots their events carry. */
@Injectable()
export class DirectoryService {
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
   * For each partner, the initiatives under which the budget that funding would charge for this
   * category (the category's own budget, else the partner's general one) cannot cover a case.
   */
  async exhaustedBudgets(
    manager: EntityManager,
    category: ReferralCategory,
  ): Promise<Map<string, Set<string>>> {
    const budgets = await manager
      .createQueryBuilder(DirectoryBudget, 'budget')
      .where('budget.category = :category OR budget.category IS NULL', { category })
      .getMany();
    const applicable = new Map<string, DirectoryBudget>();
    for (const budget of budgets) {
      const key = `${budget.partnerId}:${budget.initiativeId}`;
      const other = applicable.get(key);
      if (!other || (other.category === null && budget.category !== null)) {
        applicable.set(key, budget);
      }
    }
    const exhausted = new Map<string, Set<string>>();
    for (const budget of applicable.values()) {
      if (budget.availableCents >= budget.costPerCaseCents) continue;
      const initiatives = exhausted.get(budget.partnerId) ?? new Set<string>();
      initiatives.add(budget.initiativeId);
      exhausted.set(budget.partnerId, initiatives);
    }
    return exhausted;
  }
}
