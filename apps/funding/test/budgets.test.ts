import { randomUUID } from 'node:crypto';
import { FundingEvents } from '@concord/contracts';
import { query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { openBudget, recordSource } from './support/fixtures';
import {
  Api,
  FundingEventLog,
  startFundingService,
  stopFundingService,
} from './support/funding-service';

describe('funding sources and budgets', () => {
  let service: ServiceProcess;
  let events: FundingEventLog;
  let admin: Api;

  beforeAll(async () => {
    [service, events] = await Promise.all([startFundingService(), FundingEventLog.start()]);
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(async () => {
    await events?.stop();
    if (service) await stopFundingService(service);
  });

  it('opening a budget publishes budget.opened with its award and available money', async () => {
    const source = await recordSource(admin, { awardCents: 500_000 });
    const initiativeId = randomUUID();
    const partnerId = randomUUID();
    const budget = await admin.expect(201, 'POST', '/budgets', {
      initiativeId,
      partnerId,
      category: 'mental-health-crisis',
      costPerCaseCents: 25_000,
      allocations: [{ sourceId: source.id, amountCents: 200_000 }],
    });
    expect(budget).toMatchObject({
      initiativeId,
      partnerId,
      category: 'mental-health-crisis',
      allocations: [{ sourceId: source.id, amountCents: 200_000 }],
      balance: {
        awardedCents: 200_000,
        reservedCents: 0,
        chargedCents: 0,
        availableCents: 200_000,
        casesCovered: 8,
      },
    });
    const [opened] = await events.waitFor(FundingEvents.budgetOpened, { budgetId: budget.id });
    expect(opened.data).toEqual({
      budgetId: budget.id,
      initiativeId,
      partnerId,
      category: 'mental-health-crisis',
      awardedCents: 200_000,
      availableCents: 200_000,
      costPerCaseCents: 25_000,
    });
    expect(await admin.expect(200, 'GET', `/funding-sources/${source.id}`)).toMatchObject({
      allocatedCents: 200_000,
      unallocatedCents: 300_000,
    });
  });

  it('a source cannot allocate more than it has left: 422 naming the source', async () => {
    const source = await recordSource(admin, { name: 'City general fund', awardCents: 100_000 });
    await openBudget(admin, { awardCents: 1, costPerCaseCents: 1 }); // another source, unaffected
    await admin.expect(201, 'POST', '/budgets', {
      initiativeId: randomUUID(),
      partnerId: randomUUID(),
      costPerCaseCents: 10_000,
      allocations: [{ sourceId: source.id, amountCents: 60_000 }],
    });
    const answer = await admin.send('POST', '/budgets', {
      initiativeId: randomUUID(),
      partnerId: randomUUID(),
      costPerCaseCents: 10_000,
      allocations: [{ sourceId: source.id, amountCents: 40_001 }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('FUNDING_SOURCE_OVERALLOCATED');
    expect(answer.body.message).toContain('allocations.0.amountCents');
    expect(answer.body.message).toContain('"City general fund"');
    expect(answer.body.message).toContain('40000 cents left');
  });

  it('a second budget for the same initiative, partner and category is a 409', async () => {
    const budget = await openBudget(admin, { awardCents: 50_000, costPerCaseCents: 5_000 });
    const source = await recordSource(admin);
    const again = {
      initiativeId: budget.initiativeId,
      partnerId: budget.partnerId,
      costPerCaseCents: 5_000,
      allocations: [{ sourceId: source.id, amountCents: 10_000 }],
    };
    const answer = await admin.send('POST', '/budgets', again);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'BUDGET_EXISTS' });
    expect(answer.body.message).toContain(budget.id);
    // A category of its own is another scope.
    await admin.expect(201, 'POST', '/budgets', { ...again, category: 'youth' });
  });

  it('a partner reads its own budgets only', async () => {
    const own = await openBudget(admin, { awardCents: 50_000, costPerCaseCents: 5_000 });
    const other = await openBudget(admin, {
      awardCents: 50_000,
      costPerCaseCents: 5_000,
      initiativeId: own.initiativeId,
    });
    const partner = admin.as(await devToken('partner', own.partnerId));

    const listed = await partner.expect(200, 'GET', `/budgets?initiativeId=${own.initiativeId}`);
    expect(listed.map(({ id }: { id: string }) => id)).toEqual([own.id]);
    expect(await partner.expect(200, 'GET', `/budgets?partnerId=${other.partnerId}`)).toEqual([]);
    expect((await partner.send('GET', `/budgets/${other.id}`)).status).toBe(404);
    expect((await partner.send('GET', '/funding-sources')).status).toBe(403);
    const both = await admin.expect(200, 'GET', `/budgets?initiativeId=${own.initiativeId}`);
    expect(both).toHaveLength(2);
  });

  it('the ledger is append-only: the database refuses to update or delete an entry', async () => {
    const budget = await openBudget(admin, { awardCents: 50_000, costPerCaseCents: 5_000 });
    const url = service.env.DATABASE_URL;
    await expect(
      query(url, `UPDATE ledger_entries SET amount_cents = 1 WHERE budget_id = $1`, [budget.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      query(url, `DELETE FROM ledger_entries WHERE budget_id = $1`, [budget.id]),
    ).rejects.toThrow(/append-only/);
    await expect(query(url, `TRUNCATE ledger_entries CASCADE`)).rejects.toThrow(/append-only/);
    expect((await admin.expect(200, 'GET', `/budgets/${budget.id}`)).balance.awardedCents).toBe(
      50_000,
    );
  });

  it('bad input gets a 400 naming the field', async () => {
    const source = await admin.send('POST', '/funding-sources', {
      name: 'COPS hiring',
      funder: 'US DOJ COPS Office',
      kind: 'lottery',
      awardCents: 12.5,
      periodFrom: '2026-02-30',
      periodTo: '2026-01-01',
    });
    expect(source.status).toBe(400);
    expect(source.body.message).toEqual(
      expect.arrayContaining([
        'kind must be one of the following values: federal-grant, state-programme, city-budget, foundation, other',
        'awardCents must be an integer number',
        'periodFrom must be a date YYYY-MM-DD',
      ]),
    );

    const budget = await admin.send('POST', '/budgets', {
      initiativeId: 'not-a-uuid',
      partnerId: randomUUID(),
      costPerCaseCents: 0,
      allocations: [{ sourceId: randomUUID(), amountCents: -5 }],
      extra: true,
    });
    expect(budget.status).toBe(400);
    expect(budget.body.message).toEqual(
      expect.arrayContaining([
        'initiativeId must be a UUID',
        'costPerCaseCents must not be less than 1',
        'allocations.0.amountCents must not be less than 1',
        'property "extra" must not be sent: it is not a field of this request',
      ]),
    );

    expect((await admin.send('GET', '/budgets/nope')).body.message).toEqual(['id must be a UUID']);
    const report = await admin.send(
      'GET',
      `/funding-sources/${randomUUID()}/report?from=2026-13-01`,
    );
    expect(report.status).toBe(400);
    expect(report.body.message).toEqual(['from must be a date YYYY-MM-DD']);
  });
});
