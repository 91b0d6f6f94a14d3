import { randomUUID } from 'node:crypto';
import { FundingEvents, ReferralEvents } from '@concord/contracts';
import { eventually, query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { openBudget } from './support/fixtures';
import {
  Api,
  assignment,
  FundingEventLog,
  ReferralEventsProducer,
  startFundingService,
  stopFundingService,
} from './support/funding-service';

/** The funding side of the hand-off saga, driven by referral events on Kafka. */
describe('reservations', () => {
  let service: ServiceProcess;
  let events: FundingEventLog;
  let referrals: ReferralEventsProducer;
  let admin: Api;

  beforeAll(async () => {
    [service, events, referrals] = await Promise.all([
      startFundingService(),
      FundingEventLog.start(),
      ReferralEventsProducer.start(),
    ]);
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(async () => {
    await referrals?.stop();
    await events?.stop();
    if (service) await stopFundingService(service);
  });

  const balanceOf = async (budgetId: string) =>
    (await admin.expect(200, 'GET', `/budgets/${budgetId}`)).balance;
  const ledgerOf = async (budgetId: string) =>
    admin.expect<{ kind: string; referralId: string | null; id: string; settlesEntryId: string }[]>(
      200,
      'GET',
      `/budgets/${budgetId}/ledger`,
    );

  it('a reservation on assignment becomes a charge on acceptance, and the ledger balances', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 12_500 });
    const assigned = assignment(budget.initiativeId, budget.partnerId);
    const { referralId, partnerId } = assigned;

    await referrals.publish(ReferralEvents.assigned, assigned);
    const [reserved] = await events.waitFor(FundingEvents.reserved, { referralId });
    expect(reserved.data).toEqual({
      budgetId: budget.id,
      referralId,
      partnerId,
      amountCents: 12_500,
    });
    expect(reserved.subject).toBe(budget.id);
    expect(await balanceOf(budget.id)).toMatchObject({
      awardedCents: 100_000,
      reservedCents: 12_500,
      chargedCents: 0,
      availableCents: 87_500,
    });

    await referrals.publish(ReferralEvents.accepted, {
      referralId,
      partnerId,
      acceptedAt: new Date().toISOString(),
    });
    const [charged] = await events.waitFor(FundingEvents.charged, { referralId });
    expect(charged.data).toEqual({
      budgetId: budget.id,
      referralId,
      partnerId,
      amountCents: 12_500,
    });
    expect(await balanceOf(budget.id)).toMatchObject({
      awardedCents: 100_000,
      reservedCents: 0,
      chargedCents: 12_500,
      availableCents: 87_500,
    });
    const ledger = await ledgerOf(budget.id);
    expect(ledger.map(({ kind }) => kind)).toEqual(['allocate', 'reserve', 'charge']);
    expect(ledger[2].settlesEntryId).toBe(ledger[1].id);
  });

  it('a declined offer releases its reservation and the money is available again', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 12_500 });
    const { referralId, partnerId, ...rest } = assignment(budget.initiativeId, budget.partnerId);
    await referrals.publish(ReferralEvents.assigned, { referralId, partnerId, ...rest });
    await events.waitFor(FundingEvents.reserved, { referralId });

    await referrals.publish(ReferralEvents.declined, {
      referralId,
      partnerId,
      reason: 'no-capacity',
    });
    const [released] = await events.waitFor(FundingEvents.released, { referralId });
    expect(released.data).toEqual({
      budgetId: budget.id,
      referralId,
      partnerId,
      amountCents: 12_500,
      reason: 'declined',
    });
    expect(await balanceOf(budget.id)).toMatchObject({
      reservedCents: 0,
      chargedCents: 0,
      availableCents: 100_000,
    });
  });

  it('a budget that cannot cover the next case rejects it and announces budget.exhausted; a top-up replenishes it', async () => {
    const budget = await openBudget(admin, { awardCents: 25_000, costPerCaseCents: 10_000 });
    const [first, second, third] = [1, 2, 3].map(() =>
      assignment(budget.initiativeId, budget.partnerId),
    );
    await referrals.publish(ReferralEvents.assigned, first);
    await events.waitFor(FundingEvents.reserved, { referralId: first.referralId });
    await referrals.publish(ReferralEvents.assigned, second);
    await events.waitFor(FundingEvents.reserved, { referralId: second.referralId });
    const [exhausted] = await events.waitFor(FundingEvents.exhausted, { budgetId: budget.id });
    expect(exhausted.data).toMatchObject({ availableCents: 5_000, awardedCents: 25_000 });

    await referrals.publish(ReferralEvents.assigned, third);
    const [rejected] = await events.waitFor(FundingEvents.reservationRejected, {
      referralId: third.referralId,
    });
    expect(rejected.data).toEqual({
      referralId: third.referralId,
      partnerId: budget.partnerId,
      budgetId: budget.id,
      reason: 'budget-exhausted',
    });
    expect(rejected.subject).toBe(third.referralId);

    const source = budget.allocations[0].sourceId;
    const toppedUp = await admin.expect(201, 'POST', `/budgets/${budget.id}/allocations`, {
      sourceId: source,
      amountCents: 10_000,
    });
    expect(toppedUp.balance).toMatchObject({ awardedCents: 35_000, availableCents: 15_000 });
    const [replenished] = await events.waitFor(FundingEvents.replenished, { budgetId: budget.id });
    expect(replenished.data).toMatchObject({ awardedCents: 35_000, availableCents: 15_000 });
    expect(events.find(FundingEvents.exhausted, { budgetId: budget.id })).toHaveLength(1);
  });

  it('every top-up publishes budget.topped-up with the award and balance after it', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 10_000 });
    await admin.expect(201, 'POST', `/budgets/${budget.id}/allocations`, {
      sourceId: budget.allocations[0].sourceId,
      amountCents: 5_000,
    });
    const [toppedUp] = await events.waitFor(FundingEvents.toppedUp, { budgetId: budget.id });
    expect(toppedUp.data).toMatchObject({ awardedCents: 105_000, availableCents: 105_000 });
    expect(events.find(FundingEvents.replenished, { budgetId: budget.id })).toEqual([]);
  });

  it('an assignment without a budget is rejected as no-budget', async () => {
    const assigned = assignment(randomUUID(), randomUUID());
    await referrals.publish(ReferralEvents.assigned, assigned);
    const [rejected] = await events.waitFor(FundingEvents.reservationRejected, {
      referralId: assigned.referralId,
    });
    expect(rejected.data).toEqual({
      referralId: assigned.referralId,
      partnerId: assigned.partnerId,
      reason: 'no-budget',
    });
  });

  it("a category without a budget of its own is paid from the partner's budget without a category", async () => {
    const general = await openBudget(admin, { awardCents: 50_000, costPerCaseCents: 5_000 });
    const youth = await openBudget(admin, {
      awardCents: 50_000,
      costPerCaseCents: 7_000,
      initiativeId: general.initiativeId,
      partnerId: general.partnerId,
      category: 'youth',
    });
    const forYouth = assignment(general.initiativeId, general.partnerId, { category: 'youth' });
    const forHousing = assignment(general.initiativeId, general.partnerId, {
      category: 'homelessness',
    });
    await referrals.publish(ReferralEvents.assigned, forYouth);
    await referrals.publish(ReferralEvents.assigned, forHousing);
    const [youthReserved] = await events.waitFor(FundingEvents.reserved, {
      referralId: forYouth.referralId,
    });
    const [housingReserved] = await events.waitFor(FundingEvents.reserved, {
      referralId: forHousing.referralId,
    });
    expect(youthReserved.data).toMatchObject({ budgetId: youth.id, amountCents: 7_000 });
    expect(housingReserved.data).toMatchObject({ budgetId: general.id, amountCents: 5_000 });
  });

  it('usage reaching 80 % publishes budget.threshold-reached exactly once', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 10_000 });
    const offers = Array.from({ length: 8 }, () =>
      assignment(budget.initiativeId, budget.partnerId),
    );
    for (const offer of offers) await referrals.publish(ReferralEvents.assigned, offer);
    for (const { referralId } of offers) {
      await events.waitFor(FundingEvents.reserved, { referralId });
    }
    const [reached] = await events.waitFor(FundingEvents.thresholdReached, { budgetId: budget.id });
    expect(reached.data).toMatchObject({ awardedCents: 100_000, availableCents: 20_000 });

    // Back under 80 % by a release, then over it again: no second signal.
    const last = offers[7];
    await referrals.publish(ReferralEvents.offerExpired, {
      referralId: last.referralId,
      partnerId: last.partnerId,
    });
    await events.waitFor(FundingEvents.released, { referralId: last.referralId });
    const again = assignment(budget.initiativeId, budget.partnerId);
    await referrals.publish(ReferralEvents.assigned, again);
    await events.waitFor(FundingEvents.reserved, { referralId: again.referralId });
    // A later event of the budget: everything the reservation published came before it.
    await referrals.publish(ReferralEvents.cancelled, { referralId: again.referralId });
    await events.waitFor(FundingEvents.released, { referralId: again.referralId });

    expect(events.find(FundingEvents.thresholdReached, { budgetId: budget.id })).toHaveLength(1);
  });

  it('concurrent assignments never overdraw a budget', async () => {
    const budget = await openBudget(admin, { awardCents: 30_000, costPerCaseCents: 10_000 });
    // Enough at once that, without the budget's row lock, some run side by side and overdraw it.
    const offers = Array.from({ length: 30 }, () =>
      assignment(budget.initiativeId, budget.partnerId),
    );
    await referrals.send(
      ...offers.map((offer) => referrals.envelope(ReferralEvents.assigned, offer)),
    );

    const outcome = (referralId: string) =>
      [
        ...events.find(FundingEvents.reserved, { referralId }),
        ...events.find(FundingEvents.reservationRejected, { referralId }),
      ].map(({ type }) => type);
    await eventually('an answer to each of the 30 assignments', async () =>
      offers.every(({ referralId }) => outcome(referralId).length > 0),
    );
    const answers = offers.flatMap(({ referralId }) => outcome(referralId));
    expect(answers.filter((type) => type === FundingEvents.reserved.type)).toHaveLength(3);
    expect(answers.filter((type) => type === FundingEvents.reservationRejected.type)).toHaveLength(
      27,
    );
    expect(await balanceOf(budget.id)).toMatchObject({ reservedCents: 30_000, availableCents: 0 });
  });

  it('a redelivered referral.assigned (the same event id) reserves once', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 10_000 });
    const assigned = assignment(budget.initiativeId, budget.partnerId);
    const envelope = referrals.envelope(ReferralEvents.assigned, assigned);
    await referrals.send(envelope);
    await referrals.send(envelope);
    // The referral's next event is handled after both copies (one key, one partition).
    await referrals.publish(ReferralEvents.declined, {
      referralId: assigned.referralId,
      partnerId: assigned.partnerId,
      reason: 'other',
    });
    await events.waitFor(FundingEvents.released, { referralId: assigned.referralId });

    expect(events.find(FundingEvents.reserved, { referralId: assigned.referralId })).toHaveLength(
      1,
    );
    const reserves = (await ledgerOf(budget.id)).filter(({ kind }) => kind === 'reserve');
    expect(reserves).toHaveLength(1);
  });

  it('a referral cancelled after acceptance stays charged', async () => {
    const budget = await openBudget(admin, { awardCents: 100_000, costPerCaseCents: 10_000 });
    const { referralId, partnerId, ...rest } = assignment(budget.initiativeId, budget.partnerId);
    await referrals.publish(ReferralEvents.assigned, { referralId, partnerId, ...rest });
    await referrals.publish(ReferralEvents.accepted, {
      referralId,
      partnerId,
      acceptedAt: new Date().toISOString(),
    });
    await events.waitFor(FundingEvents.charged, { referralId });
    const charged = await balanceOf(budget.id);
    await referrals.publish(ReferralEvents.cancelled, { referralId, partnerId });
    // Handled after the cancel (same referral, same partition): a partner without a budget.
    await referrals.publish(
      ReferralEvents.assigned,
      assignment(budget.initiativeId, randomUUID(), { referralId, attempt: 2 }),
    );
    await events.waitFor(FundingEvents.reservationRejected, { referralId });

    expect(events.find(FundingEvents.charged, { referralId })).toHaveLength(1);
    expect(events.find(FundingEvents.released, { referralId })).toEqual([]);
    expect(await balanceOf(budget.id)).toMatchObject({ reservedCents: 0, chargedCents: 10_000 });
    // The cancel changed nothing: no release entry, the balance as it was after the charge.
    const entries = (await ledgerOf(budget.id)).filter((entry) => entry.referralId === referralId);
    expect(entries.map(({ kind }) => kind)).toEqual(['reserve', 'charge']);
    expect(await balanceOf(budget.id)).toEqual(charged);
  });

  // Last: after every kind of entry the tests above wrote, concurrent ones included.
  it("keeps each budget's running totals equal to the sums of its ledger entries", async () => {
    const drift = await query<{ id: string }>(
      service.env.DATABASE_URL,
      `SELECT b.id FROM budgets b
         LEFT JOIN (SELECT budget_id,
                           coalesce(sum(amount_cents) FILTER (WHERE kind = 'allocate'), 0) AS allocate,
                           coalesce(sum(amount_cents) FILTER (WHERE kind = 'reserve'), 0) AS reserve,
                           coalesce(sum(amount_cents) FILTER (WHERE kind = 'release'), 0) AS release,
                           coalesce(sum(amount_cents) FILTER (WHERE kind = 'charge'), 0) AS charge
                      FROM ledger_entries GROUP BY budget_id) t ON t.budget_id = b.id
        WHERE (b.allocate_cents, b.reserve_cents, b.release_cents, b.charge_cents)
              IS DISTINCT FROM (coalesce(t.allocate, 0), coalesce(t.reserve, 0),
                                 coalesce(t.release, 0), coalesce(t.charge, 0))`,
    );
    const [{ budgets }] = await query<{ budgets: string }>(
      service.env.DATABASE_URL,
      `SELECT count(*) AS budgets FROM budgets WHERE reserve_cents > 0 AND release_cents > 0`,
    );
    expect(Number(budgets)).toBeGreaterThan(0);
    expect(drift).toEqual([]);
  });
});
