import { ConcordClient, setUpProgramme } from '@concord/testing';

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
  const programme = await setUpProgramme(client, {
    agency: `Bench Police Department ${run}`,
    initiative: {
      name: `Benchmark co-response ${run}`,
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 30 }],
    },
    sources: {
      grant: {
        name: `Benchmark grant ${run}`,
        funder: 'Benchmark Foundation',
        kind: 'federal-grant',
        awardCents: BUDGET_PER_PARTNER_CENTS * partners,
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      },
    },
    partners: Array.from({ length: partners }, (_, index) => ({
      name: `Bench Crisis Team ${index + 1} ${run}`,
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
      agreement: {
        categories: ['mental-health-crisis'],
        sharedFields: ['person.name', 'person.phone', 'contactPreference', 'location.address'],
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 4320 },
        effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
        effectiveTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      },
      budget: {
        costPerCaseCents: COST_PER_CASE_CENTS,
        allocations: [{ source: 'grant', amountCents: BUDGET_PER_PARTNER_CENTS }],
      },
      webhook: {
        eventTypes: ['concord.referral.assigned.v1'],
        url: webhookUrl,
        secret: 'bench-webhook-secret-0123456789abcdef',
      },
    })),
  });
  return {
    agencyId: programme.agencyId,
    initiativeId: programme.initiativeId,
    partnerIds: programme.partners.map(({ id }) => id),
    agreementIds: programme.partners.map(({ agreementId }) => agreementId as string),
    budgetIds: programme.partners.map(({ budgetId }) => budgetId as string),
  };
}
