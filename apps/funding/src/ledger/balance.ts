/** The sums of a budget's ledger entries, by kind (all amounts positive, in cents). */
export interface LedgerTotals {
  readonly allocateCents: number;
  readonly reserveCents: number;
  readonly releaseCents: number;
  readonly chargeCents: number;
}

/** A budget's money as its ledger says, in cents. */
export interface Balance {
  /** Every allocation (the opening ones and the top-ups). */
  readonly awardedCents: number;
  /** Held for cases offered but not yet accepted: reserves neither released nor charged. */
  readonly reservedCents: number;
  /** Spent on accepted cases. */
  readonly chargedCents: number;
  /** What new reservations can take: awarded − reserved − charged. */
  readonly availableCents: number;
}

export const NO_ENTRIES: LedgerTotals = {
  allocateCents: 0,
  reserveCents: 0,
  releaseCents: 0,
  chargeCents: 0,
};

/**
 * The balance from the ledger's totals. A charge converts its reservation into spending (it
 * settles a reserve of the same amount), so reserved = reserve − release − charge.
 */
export function balanceOf(totals: LedgerTotals): Balance {
  const reservedCents = totals.reserveCents - totals.releaseCents - totals.chargeCents;
  if (reservedCents < 0) {
    throw new Error(
      `ledger out of balance: released and charged ${totals.releaseCents + totals.chargeCents} of ${totals.reserveCents} reserved`,
    );
  }
  const chargedCents = totals.chargeCents;
  return {
    awardedCents: totals.allocateCents,
    reservedCents,
    chargedCents,
    availableCents: totals.allocateCents - reservedCents - chargedCents,
  };
}

/** Reserved and charged together: what is used of the award. */
export const usedCents = (balance: Balance): number => balance.reservedCents + balance.chargedCents;

/** Whole cases the available balance covers at this cost. */
export const casesCovered = (balance: Balance, costPerCaseCents: number): number =>
  balance.availableCents <= 0 ? 0 : Math.floor(balance.availableCents / costPerCaseCents);
