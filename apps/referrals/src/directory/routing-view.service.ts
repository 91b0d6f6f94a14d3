import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementStatus, coversACase } from '@concord/contracts';
import { notFound } from '@concord/platform';
import { DirectoryService } from './directory.service';
export interface RoutingAgreementView {
  agreementId: string;
  partnerId: string;
  /** Whether routing knows the partner's organisation and services yet. */
  partnerKnown: boolean;
  status: AgreementStatus;
  version: number;
}

export interface RoutingPartnerView {
  partnerId: string;
  name: string;
  type: string;
  revision: number;
  services: { serviceId: string; name: string; category: string; capacity: number }[];
}

export interface RoutingBudgetView {
  budgetId: string;
  initiativeId: string;
  partnerId: string;
  category: string | null;
  availableCents: number;
  costPerCaseCents: number;
  /** True when the budget cannot cover another case: routing skips the partner under it. */
  exhausted: boolean;
}

/**
 * What routing knows: the referrals service's own copy of partners, agreements and budgets, which
 * may lag the agreements service by the time its event takes.
 */
@Injectable()
export class RoutingView {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
  ) {}

  async partner(id: string): Promise<RoutingPartnerView> {
    const partner = await this.directory.findOrganization(this.dataSource.manager, id);
    if (!partner) {
      throw notFound(
        'ROUTING_PARTNER_UNKNOWN',
        `routing has not heard of organisation ${id} (yet): it learns them from their events`,
      );
    }
    return {
      partnerId: partner.id,
      name: partner.name,
      type: partner.type,
      revision: partner.revision,
      services: partner.services.map(({ serviceId, name, category, capacity }) => ({
        serviceId,
        name,
        category,
        capacity,
      })),
    };
  }

  async budget(id: string): Promise<RoutingBudgetView> {
    const budget = await this.directory.findBudget(this.dataSource.manager, id);
    if (!budget) {
      throw notFound(
        'ROUTING_BUDGET_UNKNOWN',
        `routing has not heard of budget ${id} (yet): it learns budgets from their events`,
      );
    }
    return {
      budgetId: budget.id,
      initiativeId: budget.initiativeId,
      partnerId: budget.partnerId,
      category: budget.category,
      availableCents: budget.availableCents,
      costPerCaseCents: budget.costPerCaseCents,
      exhausted: !coversACase(budget.availableCents, budget.costPerCaseCents),
    };
  }

  async agreement(id: string): Promise<RoutingAgreementView> {
    const manager = this.dataSource.manager;
    const agreement = await this.directory.findAgreement(manager, id);
    if (!agreement) {
      throw notFound(
        'ROUTING_AGREEMENT_UNKNOWN',
        `routing has not heard of agreement ${id} (yet): it learns agreements from their events`,
      );
    }
    const partner = await this.directory.findOrganization(manager, agreement.partnerId);
    return {
      agreementId: agreement.id,
      partnerId: agreement.partnerId,
      partnerKnown: partner !== null,
      status: agreement.status,
      version: agreement.version,
    };
  }
}
