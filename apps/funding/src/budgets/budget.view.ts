import { ReferralCategory } from '@concord/contracts';
import { Balance, casesCovered } from '../ledger/balance';
import { LedgerEntry, LedgerEntryKind } from '../ledger/ledger-entry.entity';
import { Budget } from './budget.entity';

export interface AllocationView {
  sourceId: string;
  /** Every allocation of this source to the budget, summed. */
  amountCents: number;
}

/** A budget as the HTTP API answers it, with its balance derived from the ledger. */
export interface BudgetView {
  id: string;
  initiativeId: string;
  partnerId: string;
  /** null: every category without a budget of its own. */
  category: ReferralCategory | null;
  costPerCaseCents: number;
  allocations: AllocationView[];
  balance: Balance & { casesCovered: number };
  thresholdReached: boolean;
  exhausted: boolean;
  createdAt: string;
}

export function toBudgetView(
  budget: Budget,
  allocations: AllocationView[],
  balance: Balance,
): BudgetView {
  return {
    id: budget.id,
    initiativeId: budget.initiativeId,
    partnerId: budget.partnerId,
    category: budget.category,
    costPerCaseCents: budget.costPerCaseCents,
    allocations,
    balance: { ...balance, casesCovered: casesCovered(balance, budget.costPerCaseCents) },
    thresholdReached: budget.thresholdReached,
    exhausted: budget.exhausted,
    createdAt: budget.createdAt.toISOString(),
  };
}

/** One ledger entry as the HTTP API answers it. */
export interface LedgerEntryView {
  /** The entry's position in the ledger (a decimal string: it is a bigint). */
  id: string;
  kind: LedgerEntryKind;
  amountCents: number;
  sourceId: string | null;
  referralId: string | null;
  settlesEntryId: string | null;
  releaseReason: string | null;
  causeEventId: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export const toLedgerEntryView = (entry: LedgerEntry): LedgerEntryView => ({
  id: entry.id,
  kind: entry.kind,
  amountCents: entry.amountCents,
  sourceId: entry.sourceId,
  referralId: entry.referralId,
  settlesEntryId: entry.settlesEntryId,
  releaseReason: entry.releaseReason,
  causeEventId: entry.causeEventId,
  recordedBy: entry.recordedBy,
  createdAt: entry.createdAt.toISOString(),
});
