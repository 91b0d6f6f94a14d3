import { ReferralCategory } from '@concord/contracts';
import { Initiative, KpiTarget } from './initiative.entity';

/** An initiative as the HTTP API answers it. */
export interface InitiativeView {
  id: string;
  name: string;
  leadAgencyId: string;
  partnerIds: string[];
  categories: ReferralCategory[];
  periodFrom: string;
  periodTo: string;
  kpiTargets: KpiTarget[];
  createdAt: string;
}

export function toInitiativeView(initiative: Initiative, partnerIds: string[]): InitiativeView {
  return {
    id: initiative.id,
    name: initiative.name,
    leadAgencyId: initiative.leadAgencyId,
    partnerIds,
    categories: initiative.categories,
    periodFrom: initiative.periodFrom,
    periodTo: initiative.periodTo,
    kpiTargets: initiative.kpiTargets,
    createdAt: initiative.createdAt.toISOString(),
  };
}
