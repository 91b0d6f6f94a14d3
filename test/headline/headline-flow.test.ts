import { Json } from '@concord/testing';
import { Riverton, seedRiverton, walkCrisisReferral } from '../../scripts/demo/riverton';
import { ConcordSystem } from '../support/concord-system';

/**
 * The seed documents' story across all five services as separate processes: a police referral
 * of a mental-health call is assigned to a nonprofit, draws down its budget, is worked and
 * completed, and everyone who must hear of it does, and the KPIs say so.
 */
describe('the headline flow across all five services', () => {
  // Freshly started consumers first catch up with every topic from the beginning.
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  let city: Riverton;
  let referralId: string;
  const admin = { role: 'admin' as const };

  beforeAll(async () => {
    system = await ConcordSystem.start();
    city = await seedRiverton(system.client);
    referralId = await walkCrisisReferral(system.client, city);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('charges the case cost to the crisis team\u2019s budget and releases nothing', async () => {
    const { balance } = await system.client.until('the charge', async () => {
      const budget = await system.client.call<{ balance: Json }>(
        admin,
        'funding',
        'GET',
        `/budgets/${city.budgets.behavioralHealth}`,
      );
      return budget.balance.chargedCents === 35_000 ? budget : undefined;
    });
    expect(balance).toMatchObject({ reservedCents: 0, availableCents: 15_000_000 - 35_000 });
  });

  it('tells dispatch of every step of its referral: the closed loop', async () => {
    const dispatcher = { role: 'dispatcher' as const, org: city.agencyId };
    const heard = await system.client.until('dispatch to hear the completion', async () => {
      const inbox = await system.client.call<{ items: { type: string; subject: string }[] }>(
        dispatcher,
        'notifications',
        'GET',
        '/inbox?limit=100',
      );
      const types = inbox.items
        .filter((item) => item.subject === referralId)
        .map((item) => item.type);
      return types.includes('concord.referral.completed.v1') ? types : undefined;
    });
    expect([...heard].sort()).toEqual(
      [
        'concord.referral.accepted.v1',
        'concord.referral.assigned.v1',
        'concord.referral.completed.v1',
        'concord.referral.in-progress.v1',
      ].sort(),
    );
  });

  it('tells the assigned partner, with a link and no personal data', async () => {
    const crisisTeam = { role: 'partner' as const, org: city.partners.behavioralHealth };
    const inbox = await system.client.until('the partner to hear of the offer', async () => {
      const answer = await system.client.call<{ items: Json[] }>(
        crisisTeam,
        'notifications',
        'GET',
        '/inbox',
      );
      const offer = answer.items.find((item) => item.subject === referralId);
      return offer ? answer : undefined;
    });
    const text = JSON.stringify(inbox.items);
    expect(text).toContain(`/referrals/${referralId}`);
    for (const personal of ['Sam Okafor', '555 0142', 'SW 5th Ave', 'not wanting to live']) {
      expect(text).not.toContain(personal);
    }
  });

  it('shows one timeline of the referral across referrals, funding and notifications', async () => {
    const events = await system.client.until('the timeline to be complete', async () => {
      const timeline = await system.client.call<{
        events: { type: string; source: string; time: string }[];
      }>(admin, 'insights', 'GET', `/referrals/${referralId}/timeline`);
      const types = timeline.events.map((event) => event.type);
      return types.includes('concord.funding.charged.v1') &&
        types.includes('concord.referral.completed.v1') &&
        types.includes('concord.notification.delivered.v1')
        ? timeline.events
        : undefined;
    });
    expect(new Set(events.map((event) => event.source))).toEqual(
      new Set(['/concord/referrals', '/concord/funding', '/concord/notifications']),
    );
    const referralSteps = events
      .map((event) => event.type)
      .filter((type) => type.startsWith('concord.referral.'));
    expect(referralSteps).toEqual([
      'concord.referral.submitted.v1',
      'concord.referral.assigned.v1',
      'concord.referral.accepted.v1',
      'concord.referral.in-progress.v1',
      'concord.referral.completed.v1',
    ]);
    const times = events.map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("counts the completed case in the initiative's KPIs at its cost", async () => {
    const kpis = await system.client.until('the KPIs to count the charge', async () => {
      const report = await system.client.call<Json>(
        admin,
        'insights',
        'GET',
        `/kpis?initiativeId=${city.initiativeId}`,
      );
      return report.chargedCents === 35_000 ? report : undefined;
    });
    expect(kpis.referrals).toMatchObject({
      submitted: 1,
      assigned: 1,
      accepted: 1,
      completed: { total: 1, successful: 1, unsuccessful: 0 },
    });
    expect(kpis).toMatchObject({
      acceptanceRate: 1,
      outcomeRecordedShare: 1,
      costPerCompletedCaseCents: 35_000,
    });
  });
});
