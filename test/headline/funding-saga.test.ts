import { randomUUID } from 'node:crypto';
import { Json } from '@concord/testing';
import { crisisCall } from '../../scripts/demo/riverton';
import { ConcordSystem } from '../support/concord-system';
import { DOWNTOWN } from '../support/fixtures';

/** Budgets as live rules: the referrals and funding services' saga, over the real broker. */
describe('a hand-off that money decides', () => {
  // Freshly started consumers first catch up with every topic from the beginning.
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  const admin = { role: 'admin' as const };

  beforeAll(async () => {
    system = await ConcordSystem.start({
      services: ['agreements', 'referrals', 'funding', 'notifications'],
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** An agency with two crisis teams under one initiative, "Alpha…" winning ties by name. */
  async function programme() {
    const { client } = system;
    const post = (path: string, body: unknown) =>
      client.call(admin, 'agreements', 'POST', path, body);
    const tag = randomUUID().slice(0, 6);
    const agencyId = (
      await post('/organizations', { name: `PD ${tag}`, type: 'police-agency', services: [] })
    ).id as string;
    const team = async (name: string) =>
      (
        await post('/organizations', {
          name: `${name} ${tag}`,
          type: 'mental-health-provider',
          services: [
            {
              name: 'Crisis team',
              category: 'mental-health-crisis',
              area: DOWNTOWN,
              capacity: 10,
              hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
              eligibility: {},
            },
          ],
        })
      ).id as string;
    const alpha = await team('Alpha Crisis');
    const bravo = await team('Bravo Crisis');
    const initiativeId = (
      await post('/initiatives', {
        name: `Co-response ${tag}`,
        leadAgencyId: agencyId,
        partnerIds: [alpha, bravo],
        categories: ['mental-health-crisis'],
        periodFrom: '2026-01-01',
        periodTo: '2027-12-31',
      })
    ).id as string;
    for (const partnerId of [alpha, bravo]) {
      const agreementId = (
        await post('/agreements', {
          initiativeId,
          partnerId,
          categories: ['mental-health-crisis'],
          sharedFields: ['person.name'],
          acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
          effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
        })
      ).id as string;
      for (const party of ['agency', 'partner']) {
        await post(`/agreements/${agreementId}/signatures`, {
          party,
          name: 'Signatory',
          title: 'Director',
        });
      }
      await client.until('routing to know the agreement', async () => {
        const known = await client.call(
          admin,
          'referrals',
          'GET',
          `/routing/agreements/${agreementId}`,
        );
        return known.status === 'active' && known.partnerKnown ? true : undefined;
      });
    }
    const source = (
      await client.call(admin, 'funding', 'POST', '/funding-sources', {
        name: `Grant ${tag}`,
        funder: 'US DOJ COPS Office',
        kind: 'federal-grant',
        awardCents: 10_000_000,
        periodFrom: '2026-01-01',
        periodTo: '2027-12-31',
      })
    ).id as string;
    return { agencyId, alpha, bravo, initiativeId, source };
  }

  async function budget(initiativeId: string, partnerId: string, sourceId: string, cases: number) {
    const { client } = system;
    const budgetId = (
      await client.call(admin, 'funding', 'POST', '/budgets', {
        initiativeId,
        partnerId,
        costPerCaseCents: 30_000,
        allocations: [{ sourceId, amountCents: 30_000 * cases }],
      })
    ).id as string;
    await client.until('routing to know the budget', () =>
      client.call(admin, 'referrals', 'GET', `/routing/budgets/${budgetId}`).then(() => true),
    );
    return budgetId;
  }

  async function submit(agencyId: string): Promise<string> {
    const referral = await system.client.call(
      { role: 'dispatcher', org: agencyId },
      'referrals',
      'POST',
      '/referrals',
      {
        ...crisisCall(),
        urgency: 'same-day',
      },
    );
    return referral.id as string;
  }

  const offeredTo = (agencyId: string, referralId: string, partnerId: string) =>
    system.client.until(`referral ${referralId} to be offered to ${partnerId}`, async () => {
      const view = await system.client.call(
        { role: 'dispatcher', org: agencyId },
        'referrals',
        'GET',
        `/referrals/${referralId}`,
      );
      const assignment = view.assignment as { partnerId: string } | null;
      return view.status === 'offered' && assignment?.partnerId === partnerId ? view : undefined;
    });

  it('charges the case cost when the partner accepts, after reserving it on assignment', async () => {
    const { agencyId, alpha, bravo, initiativeId, source } = await programme();
    const alphaBudget = await budget(initiativeId, alpha, source, 5);
    await budget(initiativeId, bravo, source, 5);
    const referralId = await submit(agencyId);
    await offeredTo(agencyId, referralId, alpha);
    const reserved = await system.client.until('the reservation', async () => {
      const { balance } = await system.client.call<{ balance: Json }>(
        admin,
        'funding',
        'GET',
        `/budgets/${alphaBudget}`,
      );
      return balance.reservedCents === 30_000 ? balance : undefined;
    });
    expect(reserved).toMatchObject({ chargedCents: 0, availableCents: 120_000 });

    await system.client.call(
      { role: 'partner', org: alpha },
      'referrals',
      'POST',
      `/referrals/${referralId}/accept`,
    );
    const charged = await system.client.until('the charge', async () => {
      const { balance } = await system.client.call<{ balance: Json }>(
        admin,
        'funding',
        'GET',
        `/budgets/${alphaBudget}`,
      );
      return balance.chargedCents === 30_000 ? balance : undefined;
    });
    expect(charged).toMatchObject({
      reservedCents: 0,
      availableCents: 120_000,
      awardedCents: 150_000,
    });
  });

  it('re-routes a referral whose reservation funding rejects to a partner whose budget covers it', async () => {
    const { agencyId, alpha, bravo, initiativeId, source } = await programme();
    await budget(initiativeId, bravo, source, 5); // Alpha, first by name, has no budget at all.
    const referralId = await submit(agencyId);
    await offeredTo(agencyId, referralId, bravo);
    const decisions = await system.client.call<Json[]>(
      { role: 'dispatcher', org: agencyId },
      'referrals',
      'GET',
      `/referrals/${referralId}/decisions`,
    );
    expect(decisions.map((decision) => decision.partnerId)).toEqual([alpha, bravo]);
    const alphaView = await system.client.call(
      { role: 'partner', org: alpha },
      'referrals',
      'GET',
      `/referrals/${referralId}`,
    );
    expect(alphaView.status).toBe('withdrawn');
  });

  it('stops routing to a partner whose budget ran out, tells the administrators, and resumes when it is topped up', async () => {
    const { agencyId, alpha, bravo, initiativeId, source } = await programme();
    const alphaBudget = await budget(initiativeId, alpha, source, 1);
    await budget(initiativeId, bravo, source, 5);
    const first = await submit(agencyId);
    await offeredTo(agencyId, first, alpha);
    await system.client.until('routing to see the budget exhausted', async () => {
      const seen = await system.client.call(
        admin,
        'referrals',
        'GET',
        `/routing/budgets/${alphaBudget}`,
      );
      return seen.exhausted === true ? true : undefined;
    });

    await system.client.until('the administrators to hear the budget ran out', async () => {
      const inbox = await system.client.call<{ items: { type: string; subject: string }[] }>(
        admin,
        'notifications',
        'GET',
        '/inbox?limit=100',
      );
      return inbox.items.some(
        (item) => item.type === 'concord.budget.exhausted.v1' && item.subject === alphaBudget,
      )
        ? true
        : undefined;
    });

    const second = await submit(agencyId);
    await offeredTo(agencyId, second, bravo);
    const [decision] = await system.client.call<
      { trace: { partnerId: string; reasons: string[] }[] }[]
    >(admin, 'referrals', 'GET', `/referrals/${second}/decisions`);
    expect(decision.trace.find((entry) => entry.partnerId === alpha)?.reasons).toEqual([
      'budget-exhausted',
    ]);

    await system.client.call(admin, 'funding', 'POST', `/budgets/${alphaBudget}/allocations`, {
      sourceId: source,
      amountCents: 300_000,
    });
    await system.client.until('routing to see the budget replenished', async () => {
      const seen = await system.client.call(
        admin,
        'referrals',
        'GET',
        `/routing/budgets/${alphaBudget}`,
      );
      return seen.exhausted === false ? true : undefined;
    });
    // Alpha and Bravo now hold one open case each: a tie, which Alpha wins by name.
    const third = await submit(agencyId);
    await offeredTo(agencyId, third, alpha);
  });
});
