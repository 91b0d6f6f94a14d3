import { deriveKpis, KpiCounts, ratio, utilisationOf } from './kpi-report';

const counts = (overrides: Partial<KpiCounts> = {}): KpiCounts => ({
  referrals: {
    submitted: 10,
    assigned: 9,
    unassignable: 1,
    accepted: 6,
    unfunded: 1,
    cancelled: 2,
    successful: 3,
    unsuccessful: 2,
    unsuccessfulByReason: { 'unable-to-contact': 2 },
  },
  offers: {
    made: 14,
    open: 1,
    accepted: 6,
    declined: 3,
    declinedByReason: { 'no-capacity': 3 },
    expired: 2,
    withdrawn: 1,
    cancelled: 1,
  },
  timeToAssignSeconds: { count: 9, p50: 60, p90: 120 },
  timeToAcceptSeconds: { count: 6, p50: 300, p90: 900 },
  chargedCents: 10_001,
  ...overrides,
});

describe('deriveKpis', () => {
  it('counts an offer as re-routed when it was declined, expired or withdrawn', () => {
    expect(deriveKpis({}, counts(), []).offers.rerouted).toBe(6);
  });

  it('takes the acceptance rate over offers answered or expired, not withdrawn or open ones', () => {
    expect(deriveKpis({}, counts(), []).acceptanceRate).toBe(6 / 11);
  });

  it('takes the share with an outcome over the referrals submitted and not cancelled', () => {
    expect(deriveKpis({}, counts(), []).outcomeRecordedShare).toBe(5 / 8);
  });

  it('rounds the cost per completed case to whole cents, halves up', () => {
    expect(deriveKpis({}, counts(), []).costPerCompletedCaseCents).toBe(2000);
    const two = { ...counts().referrals, successful: 1, unsuccessful: 1 };
    const half = counts({ referrals: two, chargedCents: 4001 });
    expect(deriveKpis({}, half, []).costPerCompletedCaseCents).toBe(2001);
  });

  it('has no rate, share or cost where there is nothing to divide by', () => {
    const none = counts({
      referrals: {
        ...counts().referrals,
        submitted: 2,
        cancelled: 2,
        successful: 0,
        unsuccessful: 0,
      },
      offers: { ...counts().offers, accepted: 0, declined: 0, expired: 0 },
    });
    const report = deriveKpis({}, none, []);
    expect([report.acceptanceRate, report.outcomeRecordedShare]).toEqual([null, null]);
    expect(report.costPerCompletedCaseCents).toBeNull();
  });

  it('adds up completed cases from both outcomes', () => {
    expect(deriveKpis({}, counts(), []).referrals.completed).toEqual({
      total: 5,
      successful: 3,
      unsuccessful: 2,
      unsuccessfulByReason: { 'unable-to-contact': 2 },
    });
  });
});

describe('utilisationOf', () => {
  it('is the share of the award that is no longer available', () => {
    expect(utilisationOf(100_000, 15_000)).toBe(0.85);
  });

  it('is null for a budget with nothing awarded', () => {
    expect(utilisationOf(0, 0)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});
