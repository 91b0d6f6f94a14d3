import { Acknowledgement, ASSIGNED_EVENT, ObservedState, reconcile } from './reconciliation';

const ack: Acknowledgement = {
  idempotencyKey: 'key-1',
  referralId: 'r-1',
  incidentReference: 'CAD-1',
};

/** A referral assigned once and accepted: reserved, charged, counted, told — all once. */
function acceptedOnce(): ObservedState {
  return {
    referrals: [{ id: 'r-1', incidentReference: 'CAD-1', status: 'accepted' }],
    offers: [{ referralId: 'r-1', partnerId: 'p-1' }],
    ledger: [
      { referralId: 'r-1', kind: 'reserve', amountCents: 500 },
      { referralId: 'r-1', kind: 'charge', amountCents: 500 },
    ],
    facts: [{ referralId: 'r-1', accepted: true, completed: false, chargedCents: 500 }],
    receipts: [{ eventId: 'e-1', type: ASSIGNED_EVENT, referralId: 'r-1' }],
  };
}

const verdictOf = (state: ObservedState, acks: Acknowledgement[] = [ack]) => {
  const result = reconcile(acks, state);
  return {
    counts: [result.reconciled, result.lost, result.duplicated, result.inconsistent],
    findings: result.problems.flatMap((problem) => problem.findings),
  };
};

describe('reconciling acknowledged referrals against every service', () => {
  it('reconciles a referral every service holds once, consistently', () => {
    expect(verdictOf(acceptedOnce())).toEqual({ counts: [1, 0, 0, 0], findings: [] });
  });

  it('reconciles a webhook delivered twice under one event id (duplicates dropped by id)', () => {
    const state = acceptedOnce();
    state.receipts.push({ ...state.receipts[0] });
    expect(verdictOf(state).counts).toEqual([1, 0, 0, 0]);
  });

  it('counts an acknowledged referral the referrals service does not hold as lost', () => {
    expect(verdictOf({ ...acceptedOnce(), referrals: [] })).toEqual({
      counts: [0, 1, 0, 0],
      findings: ['referrals: no such referral'],
    });
  });

  it('counts a second referral for the same submission as duplicated', () => {
    const state = acceptedOnce();
    state.referrals.push({ id: 'r-2', incidentReference: 'CAD-1', status: 'offered' });
    expect(verdictOf(state).counts).toEqual([0, 0, 1, 0]);
  });

  it('counts one Idempotency-Key answered with two referrals as duplicated', () => {
    const second = { ...ack, referralId: 'r-2', incidentReference: 'CAD-2' };
    const result = reconcile([ack, second, ack], acceptedOnce());
    expect([result.acknowledged, result.reconciled, result.duplicated]).toEqual([1, 1, 1]);
  });

  it('counts a referral charged twice as duplicated', () => {
    const state = acceptedOnce();
    state.ledger.push({ referralId: 'r-1', kind: 'charge', amountCents: 500 });
    expect(verdictOf(state).findings).toContain(
      'funding: charged 2 time(s) for a referral accepted',
    );
    expect(verdictOf(state).counts).toEqual([0, 0, 1, 0]);
  });

  it('counts an assignment funding never reserved as lost', () => {
    const state = { ...acceptedOnce(), ledger: [] };
    expect(verdictOf(state).counts).toEqual([0, 1, 0, 0]);
  });

  it('finds a reservation left open on a referral no longer offered inconsistent', () => {
    const state = acceptedOnce();
    state.referrals[0].status = 'unassignable';
    state.ledger = [{ referralId: 'r-1', kind: 'reserve', amountCents: 500 }];
    state.facts[0] = { referralId: 'r-1', accepted: false, completed: false, chargedCents: 0 };
    expect(verdictOf(state)).toEqual({
      counts: [0, 0, 0, 1],
      findings: ['funding: 500 cents still reserved for a referral unassignable'],
    });
  });

  it('reconciles a declined offer released and the next one still reserved', () => {
    const state = acceptedOnce();
    state.referrals[0].status = 'offered';
    state.offers.push({ referralId: 'r-1', partnerId: 'p-2' });
    state.ledger = [
      { referralId: 'r-1', kind: 'reserve', amountCents: 500 },
      { referralId: 'r-1', kind: 'release', amountCents: 500 },
      { referralId: 'r-1', kind: 'reserve', amountCents: 700 },
    ];
    state.facts[0] = { referralId: 'r-1', accepted: false, completed: false, chargedCents: 0 };
    state.receipts.push({ eventId: 'e-2', type: ASSIGNED_EVENT, referralId: 'r-1' });
    expect(verdictOf(state).counts).toEqual([1, 0, 0, 0]);
  });

  it('counts a referral the KPIs do not count as lost, and one they count twice as duplicated', () => {
    expect(verdictOf({ ...acceptedOnce(), facts: [] }).counts).toEqual([0, 1, 0, 0]);
    const twice = acceptedOnce();
    twice.facts.push({ ...twice.facts[0] });
    expect(verdictOf(twice).counts).toEqual([0, 0, 1, 0]);
  });

  it('finds KPIs that disagree with the referral state inconsistent', () => {
    const state = acceptedOnce();
    state.facts[0].completed = true;
    expect(verdictOf(state).counts).toEqual([0, 0, 0, 1]);
  });

  it('counts an assignment the partner was never told of as lost, and two notices of one as duplicated', () => {
    expect(verdictOf({ ...acceptedOnce(), receipts: [] }).counts).toEqual([0, 1, 0, 0]);
    const twice = acceptedOnce();
    twice.receipts.push({ eventId: 'e-9', type: ASSIGNED_EVENT, referralId: 'r-1' });
    expect(verdictOf(twice).counts).toEqual([0, 0, 1, 0]);
  });

  it('finds a referral still awaiting assignment after settling inconsistent', () => {
    const state = acceptedOnce();
    state.referrals[0].status = 'awaiting-assignment';
    state.ledger = [];
    state.offers = [];
    state.receipts = [];
    state.facts[0] = { referralId: 'r-1', accepted: false, completed: false, chargedCents: 0 };
    expect(verdictOf(state)).toEqual({
      counts: [0, 0, 0, 1],
      findings: ['referrals: still awaiting-assignment'],
    });
  });

  it('finds KPIs that count a referral twice, or miss one, against what referrals holds', () => {
    expect(reconcile([ack], { ...acceptedOnce(), kpiSubmitted: 1 }).kpiFinding).toBeNull();
    expect(reconcile([ack], { ...acceptedOnce(), kpiSubmitted: 2 }).kpiFinding).toBe(
      'insights: the KPIs count 2 referrals submitted, referrals holds 1',
    );
    expect(reconcile([ack], { ...acceptedOnce(), kpiSubmitted: 0 }).kpiFinding).not.toBeNull();
  });
});
