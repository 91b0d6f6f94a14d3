import { randomUUID } from 'node:crypto';
import { EventDefinition, ReferralAssignedV1, ReferralEvents } from '@concord/contracts';
import { Json } from '@concord/testing';
import { EventPublisher } from '../../apps/insights/test/support/insights-service';
import { ConcordSystem } from '../support/concord-system';
import { uniqueName } from '../support/infrastructure';

interface LedgerBalance {
  awardedCents: number;
  reservedCents: number;
  chargedCents: number;
  availableCents: number;
}

interface KpiBudget extends LedgerBalance {
  budgetId: string;
  utilisation: number | null;
}

/**
 * The KPI report's budgets against the funding ledger: the real funding and insights services,
 * each its own process, driven by referral events on the real topics (the test plays the
 * referrals service), reservations, releases, charges and a top-up.
 */
describe('budget figures in the KPI report', () => {
  // Freshly started consumers first catch up with every topic from the beginning.
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  let referrals: EventPublisher;
  const admin = { role: 'admin' as const };

  beforeAll(async () => {
    [system, referrals] = await Promise.all([
      ConcordSystem.start({
        services: ['funding', 'insights'],
        env: {
          funding: { KAFKA_GROUP_ID: uniqueName('funding-budget-figures') },
          insights: { KAFKA_GROUP_ID: uniqueName('insights-budget-figures') },
        },
      }),
      EventPublisher.connect(),
    ]);
  });

  afterAll(async () => {
    await referrals?.disconnect();
    await system?.stop();
  });

  const publish = <P extends object>(definition: EventDefinition<P>, data: P) =>
    referrals.publish(definition, data, new Date());

  const ledgerEntries = async (budgetId: string) =>
    (await system.client.call<Json[]>(admin, 'funding', 'GET', `/budgets/${budgetId}/ledger`))
      .length;

  it('availableCents, reservedCents, chargedCents and utilisation equal the ledger after reservations, releases, charges and a top-up', async () => {
    const { client } = system;
    const initiativeId = randomUUID();
    const partnerId = randomUUID();
    const source = await client.call(admin, 'funding', 'POST', '/funding-sources', {
      name: `Grant ${initiativeId.slice(0, 6)}`,
      funder: 'US DOJ COPS Office',
      kind: 'federal-grant',
      awardCents: 10_000_000,
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    });
    const budget = await client.call(admin, 'funding', 'POST', '/budgets', {
      initiativeId,
      partnerId,
      costPerCaseCents: 12_345,
      allocations: [{ sourceId: source.id, amountCents: 150_000 }],
    });
    const budgetId = budget.id as string;

    const assign = async (attempt = 1, referralId: string = randomUUID()) => {
      const assigned: ReferralAssignedV1 = {
        referralId,
        partnerId,
        serviceId: randomUUID(),
        agreementId: randomUUID(),
        initiativeId,
        category: 'mental-health-crisis',
        urgency: 'same-day',
        attempt,
        acceptBy: new Date(Date.now() + 3_600_000).toISOString(),
      };
      await publish(ReferralEvents.assigned, assigned);
      return referralId;
    };
    const accept = (referralId: string) =>
      publish(ReferralEvents.accepted, {
        referralId,
        partnerId,
        acceptedAt: new Date().toISOString(),
      });

    // 1 accepted; 2 declined, then offered again and accepted; 3 cancelled while offered;
    // 4 still offered; 5 accepted then cancelled (stays charged); 6 let lapse.
    const r1 = await assign();
    await accept(r1);
    const r2 = await assign();
    await publish(ReferralEvents.declined, { referralId: r2, partnerId, reason: 'no-capacity' });
    await assign(2, r2);
    await accept(r2);
    const r3 = await assign();
    await publish(ReferralEvents.cancelled, { referralId: r3, partnerId });
    await assign();
    const r5 = await assign();
    await accept(r5);
    await publish(ReferralEvents.cancelled, { referralId: r5, partnerId });
    const r6 = await assign();
    await publish(ReferralEvents.offerExpired, { referralId: r6, partnerId });
    // allocate 1 + reserve 7 + release 3 + charge 3.
    await client.until('funding to have handled every referral event', async () =>
      (await ledgerEntries(budgetId)) === 14 ? true : undefined,
    );
    await client.call(admin, 'funding', 'POST', `/budgets/${budgetId}/allocations`, {
      sourceId: source.id,
      amountCents: 40_000,
    });
    const r7 = await assign();
    await accept(r7);
    await client.until('funding to have handled the last acceptance', async () =>
      (await ledgerEntries(budgetId)) === 17 ? true : undefined,
    );

    const { balance } = await client.call<{ balance: LedgerBalance }>(
      admin,
      'funding',
      'GET',
      `/budgets/${budgetId}`,
    );
    expect(balance).toMatchObject({
      awardedCents: 190_000,
      reservedCents: 12_345,
      chargedCents: 4 * 12_345,
      availableCents: 190_000 - 5 * 12_345,
    });
    const expected: KpiBudget = {
      budgetId,
      awardedCents: balance.awardedCents,
      reservedCents: balance.reservedCents,
      chargedCents: balance.chargedCents,
      availableCents: balance.availableCents,
      utilisation: (balance.awardedCents - balance.availableCents) / balance.awardedCents,
    };
    const figures = (budgets: KpiBudget[]) =>
      budgets.map(
        ({ budgetId, awardedCents, reservedCents, chargedCents, availableCents, utilisation }) => ({
          budgetId,
          awardedCents,
          reservedCents,
          chargedCents,
          availableCents,
          utilisation,
        }),
      );
    let last: unknown;
    await client
      .until(
        'the KPI report to show the ledger balance',
        async () => {
          const kpis = await client.call<{ budgets: KpiBudget[] }>(
            admin,
            'insights',
            'GET',
            `/kpis?initiativeId=${initiativeId}`,
          );
          last = figures(kpis.budgets);
          return JSON.stringify(last) === JSON.stringify([expected]) ? true : undefined;
        },
        60_000,
      )
      .catch(() => undefined);
    expect(last).toEqual([expected]);
  });
});
