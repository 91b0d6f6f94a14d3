import { ConcordClient, Json } from '../demo/concord-client';

/**
 * What the load needs, set up through the public HTTP APIs as an administrator and the partners
 * would: a police agency; partners with a large capacity over downtown, open around the clock; a
 * joint initiative; an agreement with each, signed by both parties; a grant and a budget per
 * partner large enough for every referral of the run; and each partner's webhook subscription
 * to the offers it gets, pointing at the benchmark's receiver.
 */
export interface BenchFixtures {
  readonly agencyId: string;
  readonly partnerIds: string[];
  readonly initiativeId: string;
  readonly agreementIds: string[];
  readonly budgetIds: string[];
}

const admin = { role: 'admin' as const };
const id = (answer: Json): string => answer.id as string;

const DOWNTOWN_AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.7, 41.83],
      [-87.55, 41.83],
      [-87.55, 41.93],
      [-87.7, 41.93],
      [-87.7, 41.83],
    ],
  ],
};

/** The largest capacity a service may declare. */
const CAPACITY = 100_000;
const COST_PER_CASE_CENTS = 100;
const BUDGET_PER_PARTNER_CENTS = 1_000_000_000;

export async function setUpFixtures(
  client: ConcordClient,
  partners: number,
  webhookUrl: (partnerId: string) => string,
): Promise<BenchFixtures> {
  const run = Date.now().toString(36);
  const agencyId = id(
    await client.call(admin, 'agreements', 'POST', '/organizations', {
      name: `Bench Police Department ${run}`,
      type: 'police-agency',
      services: [],
    }),
  );
  const partnerIds: string[] = [];
  for (let index = 0; index < partners; index++) {
    partnerIds.push(
      id(
        await client.call(admin, 'agreements', 'POST', '/organizations', {
          name: `Bench Crisis Team ${index + 1} ${run}`,
          type: 'mental-health-provider',
          services: [
            {
              name: 'Mobile crisis response',
              category: 'mental-health-crisis',
              area: DOWNTOWN_AREA,
              capacity: CAPACITY,
              hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
              eligibility: {},
            },
          ],
        }),
      ),
    );
  }
  const initiativeId = id(
    await client.call(admin, 'agreements', 'POST', '/initiatives', {
      name: `Benchmark co-response ${run}`,
      leadAgencyId: agencyId,
      partnerIds,
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 30 }],
    }),
  );
  const agreementIds: string[] = [];
  for (const partnerId of partnerIds) {
    const agreementId = id(
      await client.call(admin, 'agreements', 'POST', '/agreements', {
        initiativeId,
        partnerId,
        categories: ['mental-health-crisis'],
        sharedFields: ['person.name', 'person.phone', 'contactPreference', 'location.address'],
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 4320 },
        effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
        effectiveTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      }),
    );
    for (const party of ['agency', 'partner']) {
      await client.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
        party,
        name: `Bench ${party} signatory`,
        title: 'Director',
      });
    }
    agreementIds.push(agreementId);
  }
  const sourceId = id(
    await client.call(admin, 'funding', 'POST', '/funding-sources', {
      name: `Benchmark grant ${run}`,
      funder: 'Benchmark Foundation',
      kind: 'federal-grant',
      awardCents: BUDGET_PER_PARTNER_CENTS * partners,
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
    }),
  );
  const budgetIds: string[] = [];
  for (const partnerId of partnerIds) {
    budgetIds.push(
      id(
        await client.call(admin, 'funding', 'POST', '/budgets', {
          initiativeId,
          partnerId,
          costPerCaseCents: COST_PER_CASE_CENTS,
          allocations: [{ sourceId, amountCents: BUDGET_PER_PARTNER_CENTS }],
        }),
      ),
    );
  }
  for (const partnerId of partnerIds) {
    await client.call(
      { role: 'partner', org: partnerId },
      'notifications',
      'POST',
      '/subscriptions',
      {
        eventTypes: ['concord.referral.assigned.v1'],
        channel: 'webhook',
        webhook: { url: webhookUrl(partnerId), secret: 'bench-webhook-secret-0123456789abcdef' },
      },
    );
  }
  // Routing learns of the agreements and budgets from their events.
  for (const agreementId of agreementIds) {
    await client.until(`routing to know agreement ${agreementId}`, async () => {
      const known = await client.call(
        admin,
        'referrals',
        'GET',
        `/routing/agreements/${agreementId}`,
      );
      return known.status === 'active' && known.partnerKnown === true ? true : undefined;
    });
  }
  for (const budgetId of budgetIds) {
    await client.until(`routing to know budget ${budgetId}`, () =>
      client.call(admin, 'referrals', 'GET', `/routing/budgets/${budgetId}`).then(() => true),
    );
  }
  return { agencyId, partnerIds, initiativeId, agreementIds, budgetIds };
}
