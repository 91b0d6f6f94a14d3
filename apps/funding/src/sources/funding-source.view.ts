import { FundingSource, FundingSourceKind } from './funding-source.entity';

/** A funding source as the HTTP API answers it. */
export interface FundingSourceView {
  id: string;
  name: string;
  funder: string;
  kind: FundingSourceKind;
  awardCents: number;
  /** Of the award, what budgets have been given so far. */
  allocatedCents: number;
  /** Of the award, what is left to give to budgets. */
  unallocatedCents: number;
  periodFrom: string;
  periodTo: string;
  restrictions: string | null;
  createdAt: string;
}

export function toFundingSourceView(
  source: FundingSource,
  allocatedCents: number,
): FundingSourceView {
  return {
    id: source.id,
    name: source.name,
    funder: source.funder,
    kind: source.kind,
    awardCents: source.awardCents,
    allocatedCents,
    unallocatedCents: source.awardCents - allocatedCents,
    periodFrom: source.periodFrom,
    periodTo: source.periodTo,
    restrictions: source.restrictions,
    createdAt: source.createdAt.toISOString(),
  };
}
