import { InitiativeSnapshotV1, ReferralCategory } from '@concord/contracts';
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
  revision: number;
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
    revision: initiative.revision,
    createdAt: initiative.createdAt.toISOString(),
  };
}

/** The initiative.launched/targets-set payload: the whole initiative after the change. */
export function toInitiativeSnapshot(
  initiative: Initiative,
  partnerIds: string[],
): InitiativeSnapshotV1 {
  return {
    initiativeId: initiative.id,
    name: initiative.name,
    leadAgencyId: initiative.leadAgencyId,
    partnerIds,
    categories: initiative.categories,
    periodFrom: initiative.periodFrom,
    periodTo: initiative.periodTo,
    revision: initiative.revision,
    kpiTargets: initiative.kpiTargets,
  };
}
