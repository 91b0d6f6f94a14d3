import { balanceOf, NO_ENTRIES } from './balance';
import { BalanceChange, budgetSignals, SignalFlags } from './budget-signals';

const COST = 10_000;
const CLEAR: SignalFlags = { thresholdReached: false, exhausted: false };
const after = (
  totals: { allocate: number; reserve?: number; release?: number; charge?: number },
  flags: SignalFlags,
  change: BalanceChange,
) =>
  budgetSignals(
    balanceOf({
      ...NO_ENTRIES,
      allocateCents: totals.allocate,
      reserveCents: totals.reserve ?? 0,
      releaseCents: totals.release ?? 0,
      chargeCents: totals.charge ?? 0,
    }),
    COST,
    flags,
    change,
    80,
  );

describe('budget signals', () => {
  it('usage reaching 80 % of the award publishes threshold-reached', () => {
    expect(after({ allocate: 100_000, reserve: 70_000 }, CLEAR, 'reserve').signals).toEqual([]);
    const decision = after({ allocate: 100_000, reserve: 80_000 }, CLEAR, 'reserve');
    expect(decision.signals).toEqual(['thresholdReached']);
    expect(decision.flags.thresholdReached).toBe(true);
  });

  it('threshold-reached goes out once, and a release under the line does not re-arm it', () => {
    const reached = { ...CLEAR, thresholdReached: true };
    const released = after(
      { allocate: 100_000, reserve: 80_000, release: 10_000 },
      reached,
      'release',
    );
    expect(released.signals).toEqual([]);
    expect(released.flags.thresholdReached).toBe(true);
    const again = after(
      { allocate: 100_000, reserve: 90_000, release: 10_000 },
      reached,
      'reserve',
    );
    expect(again.signals).toEqual([]);
  });

  it('a top-up that brings usage under the threshold re-arms it', () => {
    const reached = { ...CLEAR, thresholdReached: true };
    const toppedUp = after({ allocate: 200_000, reserve: 80_000 }, reached, 'allocate');
    expect(toppedUp.signals).toEqual([]);
    expect(toppedUp.flags.thresholdReached).toBe(false);
    expect(
      after({ allocate: 200_000, reserve: 160_000 }, toppedUp.flags, 'reserve').signals,
    ).toEqual(['thresholdReached']);
  });

  it('available below the cost of a case publishes exhausted, once', () => {
    const decision = after({ allocate: 25_000, reserve: 20_000 }, CLEAR, 'reserve');
    expect(decision.signals).toEqual(['thresholdReached', 'exhausted']);
    expect(decision.flags.exhausted).toBe(true);
    expect(after({ allocate: 25_000, reserve: 20_000 }, decision.flags, 'reject').signals).toEqual(
      [],
    );
  });

  it('an exhausted budget that covers a case again after a release is replenished', () => {
    const exhausted = { thresholdReached: true, exhausted: true };
    const decision = after(
      { allocate: 25_000, reserve: 20_000, release: 10_000 },
      exhausted,
      'release',
    );
    expect(decision.signals).toEqual(['replenished']);
    expect(decision.flags).toEqual({ thresholdReached: true, exhausted: false });
  });

  it('a top-up of an exhausted budget replenishes it', () => {
    const exhausted = { thresholdReached: true, exhausted: true };
    const decision = after(
      { allocate: 45_000, charge: 20_000, reserve: 20_000 },
      exhausted,
      'allocate',
    );
    expect(decision.signals).toEqual(['replenished']);
    expect(decision.flags).toEqual({ thresholdReached: false, exhausted: false });
  });

  it('a budget opened with less than a case is exhausted from the start', () => {
    expect(after({ allocate: 5_000 }, CLEAR, 'open').signals).toEqual(['exhausted']);
  });
});
