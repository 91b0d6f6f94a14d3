import { randomUUID } from 'node:crypto';
import { FundingEvents, ReferralEvents } from '@concord/contracts';
import { parseCsv } from '@concord/testing';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { recordSource } from './support/fixtures';
import {
  Api,
  assignment,
  FundingEventLog,
  ReferralEventsProducer,
  startFundingService,
  stopFundingService,
} from './support/funding-service';

describe('grant reports', () => {
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

  /** Assigns a case on the budget, then accepts it, declines it or leaves it open. */
  async function offer(
    budget: { initiativeId: string; partnerId: string; category: string | null },
    ending: 'accepted' | 'declined' | 'open',
  ) {
    const assigned = assignment(budget.initiativeId, budget.partnerId, {
      ...(budget.category ? { category: budget.category as 'youth' } : {}),
    });
    const { referralId, partnerId } = assigned;
    await referrals.publish(ReferralEvents.assigned, assigned);
    await events.waitFor(FundingEvents.reserved, { referralId });
    if (ending === 'accepted') {
      await referrals.publish(ReferralEvents.accepted, {
        referralId,
        partnerId,
        acceptedAt: new Date().toISOString(),
      });
      await events.waitFor(FundingEvents.charged, { referralId });
    } else if (ending === 'declined') {
      await referrals.publish(ReferralEvents.declined, { referralId, partnerId, reason: 'other' });
      await events.waitFor(FundingEvents.released, { referralId });
    }
  }

  it('the grant report adds up, in JSON and CSV', async () => {
    const federal = await recordSource(admin, {
      name: 'Byrne JAG, "crisis" lot',
      awardCents: 1_000_000,
    });
    const city = await recordSource(admin, { name: 'City general fund', kind: 'city-budget' });
    const initiativeId = randomUUID();
    // Two thirds federal, one third city; a case cost that does not divide by three.
    const shared = await admin.expect(201, 'POST', '/budgets', {
      initiativeId,
      partnerId: randomUUID(),
      costPerCaseCents: 10_001,
      allocations: [
        { sourceId: federal.id, amountCents: 200_000 },
        { sourceId: city.id, amountCents: 100_000 },
      ],
    });
    const federalOnly = await admin.expect(201, 'POST', '/budgets', {
      initiativeId,
      partnerId: randomUUID(),
      category: 'youth',
      costPerCaseCents: 5_000,
      allocations: [{ sourceId: federal.id, amountCents: 50_000 }],
    });
    for (const ending of ['accepted', 'accepted', 'accepted', 'open', 'declined'] as const) {
      await offer(shared, ending);
    }
    await offer(federalOnly, 'accepted');
    await offer(federalOnly, 'declined');

    const report = await admin.expect(200, 'GET', `/funding-sources/${federal.id}/report`);
    expect(report.period).toEqual({ from: '2026-01-01', to: '2027-12-31' });
    expect(report.byBudget.map(({ budgetId }: { budgetId: string }) => budgetId)).toEqual([
      shared.id,
      federalOnly.id,
    ]);
    // Shared: 3 × 10 001 charged, 2/3 federal = 20 002; 10 001 reserved, 2/3 = 6 667.33 → 6 667.
    expect(report.byBudget[0]).toMatchObject({
      budgetAwardedCents: 300_000,
      allocatedCents: 200_000,
      chargedCents: 20_002,
      reservedCents: 6_667,
      casesCharged: 3,
    });
    expect(report.byBudget[1]).toMatchObject({
      allocatedCents: 50_000,
      chargedCents: 5_000,
      reservedCents: 0,
      casesCharged: 1,
    });
    expect(report).toMatchObject({
      awardedCents: 1_000_000,
      allocatedCents: 250_000,
      chargedCents: 25_002,
      reservedCents: 6_667,
      chargedBeforePeriodCents: 0,
      remainingCents: 1_000_000 - 25_002 - 6_667,
      casesCharged: 4,
    });
    // The city's report gets the rest of the shared budget's cents, to the cent.
    const cityReport = await admin.expect(200, 'GET', `/funding-sources/${city.id}/report`);
    expect(cityReport.byBudget[0]).toMatchObject({ chargedCents: 10_001, reservedCents: 3_334 });
    const sharedBudget = await admin.expect(200, 'GET', `/budgets/${shared.id}`);
    expect(report.byBudget[0].chargedCents + cityReport.byBudget[0].chargedCents).toBe(
      sharedBudget.balance.chargedCents,
    );
    expect(report.byBudget[0].reservedCents + cityReport.byBudget[0].reservedCents).toBe(
      sharedBudget.balance.reservedCents,
    );

    const csv = await admin.sendForText('GET', `/funding-sources/${federal.id}/report`, undefined, {
      accept: 'text/csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const [header, ...lines] = parseCsv(csv.text);
    const rows = lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]])));
    expect(rows.map(({ line }) => line)).toEqual(['budget', 'budget', 'total']);
    expect(rows[0]).toMatchObject({
      source_name: 'Byrne JAG, "crisis" lot',
      budget_id: shared.id,
      charged_cents: '20002',
      reserved_cents: '6667',
      cases_charged: '3',
    });
    expect(rows[2]).toMatchObject({
      budget_id: '',
      awarded_cents: '1000000',
      charged_cents: '25002',
      reserved_cents: '6667',
      remaining_cents: String(report.remainingCents),
    });
    const byQuery = await admin.sendForText(
      'GET',
      `/funding-sources/${federal.id}/report?format=csv`,
    );
    expect(byQuery.text).toBe(csv.text);
  });

  it('charges before the period are reported apart, and the report still adds up', async () => {
    const source = await recordSource(admin, { awardCents: 100_000 });
    const budget = await admin.expect(201, 'POST', '/budgets', {
      initiativeId: randomUUID(),
      partnerId: randomUUID(),
      costPerCaseCents: 10_000,
      allocations: [{ sourceId: source.id, amountCents: 100_000 }],
    });
    await offer(budget, 'accepted');
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

    const later = await admin.expect(
      200,
      'GET',
      `/funding-sources/${source.id}/report?from=${tomorrow}&to=2027-12-31`,
    );
    expect(later).toMatchObject({
      chargedCents: 0,
      chargedBeforePeriodCents: 10_000,
      casesCharged: 0,
      remainingCents: 90_000,
    });
    const todayOnly = await admin.expect(
      200,
      'GET',
      `/funding-sources/${source.id}/report?from=${today}&to=${today}`,
    );
    expect(todayOnly).toMatchObject({
      chargedCents: 10_000,
      casesCharged: 1,
      remainingCents: 90_000,
    });
  });
});
