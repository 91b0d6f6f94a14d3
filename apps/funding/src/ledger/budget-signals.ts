import { coversACase } from '@concord/contracts';
import { Balance, usedCents } from './balance';

/** Which budget.* signals are out for a budget (kept on its row). */
export interface SignalFlags {
  readonly thresholdReached: boolean;
  readonly exhausted: boolean;
}

export type BudgetSignal = 'thresholdReached' | 'exhausted' | 'replenished';

/** What changed the balance: a top-up (allocate) is the only change that re-arms the threshold. */
export type BalanceChange = 'open' | 'allocate' | 'reserve' | 'release' | 'charge' | 'reject';

export interface SignalDecision {
  readonly signals: BudgetSignal[];
  readonly flags: SignalFlags;
}

/**
 * The budget.* events a change calls for, in the order to publish them, and the flags after it:
 *
 * - thresholdReached when usage (reserved + charged) first reaches `thresholdPercent` of the
 *   award; once, until a top-up brings usage back under it (a release does not re-arm it, so that
 *   offers coming and going around the line do not repeat the signal);
 * - exhausted when the available balance no longer covers a case; once, until replenished;
 * - replenished when an exhausted budget covers a case again (after a release or a top-up).
 */
export function budgetSignals(
  balance: Balance,
  costPerCaseCents: number,
  flags: SignalFlags,
  change: BalanceChange,
  thresholdPercent: number,
): SignalDecision {
  const signals: BudgetSignal[] = [];
  // Integer arithmetic: used / awarded ≥ percent / 100, without a division.
  const overThreshold =
    balance.awardedCents > 0 && usedCents(balance) * 100 >= balance.awardedCents * thresholdPercent;
  let thresholdReached = flags.thresholdReached;
  if (thresholdReached && !overThreshold && change === 'allocate') thresholdReached = false;
  if (!thresholdReached && overThreshold) {
    thresholdReached = true;
    signals.push('thresholdReached');
  }

  const covers = coversACase(balance.availableCents, costPerCaseCents);
  let exhausted = flags.exhausted;
  if (exhausted && covers) {
    exhausted = false;
    signals.push('replenished');
  } else if (!exhausted && !covers) {
    exhausted = true;
    signals.push('exhausted');
  }
  return { signals, flags: { thresholdReached, exhausted } };
}
