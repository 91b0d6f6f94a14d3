import { randomUUID } from 'node:crypto';
import { ConcordClient, Json } from './concord-client';
import { CITY, untilRoutingKnows } from './riverton';

const admin = { role: 'admin' as const };

const id = (answer: Json): string => answer.id as string;

export interface ConsoleProgramme {
  agency: { id: string; name: string };
  /** Two crisis teams over the same area; Alpha is offered first on a tie. */
  alpha: { id: string; name: string };
  bravo: { id: string; name: string };
}

/**
 * A small programme for the console's tests and benchmark: one agency, two mental-health crisis
 * teams over downtown Riverton, each with an agreement in force and a budget, over Riverton's city limits. Alpha's agreement
 * shares the person's name, phone and the narrative; Bravo's only how to make contact.
 */
export async function seedConsoleProgramme(
  client: ConcordClient,
  /** `alphaOnly`: Bravo gets no agreement, so every referral goes to Alpha (the benchmark). */
  options: { capacity?: number; alphaOnly?: boolean } = {},
): Promise<ConsoleProgramme> {
  const suffix = randomUUID().slice(0, 4);
  const organisation = async (name: string, type: string, services: Json[]) => ({
    id: id(
      await client.call(admin, 'agreements', 'POST', '/organizations', { name, type, services }),
    ),
    name,
  });
  const crisisTeam = (name: string) =>
    organisation(name, 'mental-health-provider', [
      {
        name: `${name} mobile crisis`,
        category: 'mental-health-crisis',
        area: CITY,
        capacity: options.capacity ?? 50,
        hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
        eligibility: {},
      },
    ]);
  const agency = await organisation(`Riverton Police ${suffix}`, 'police-agency', []);
  const alpha = await crisisTeam(`Alpha Crisis Team ${suffix}`);
  const bravo = await crisisTeam(`Bravo Crisis Team ${suffix}`);
  const initiativeId = id(
    await client.call(admin, 'agreements', 'POST', '/initiatives', {
      name: `Co-response ${suffix}`,
      leadAgencyId: agency.id,
      partnerIds: [alpha.id, bravo.id],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 15 }],
    }),
  );
  const sources = id(
    await client.call(admin, 'funding', 'POST', '/funding-sources', {
      name: `Crisis response grant ${suffix}`,
      funder: 'City of Riverton',
      kind: 'city-budget',
      awardCents: 100_000_000,
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
    }),
  );
  const terms: [typeof alpha, string[]][] = [
    [alpha, ['person.name', 'person.phone', 'contactPreference', 'narrative']],
    [bravo, ['contactPreference']],
  ];
  for (const [partner, sharedFields] of options.alphaOnly ? terms.slice(0, 1) : terms) {
    const agreementId = id(
      await client.call(admin, 'agreements', 'POST', '/agreements', {
        initiativeId,
        partnerId: partner.id,
        categories: ['mental-health-crisis'],
        sharedFields,
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
        effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
        effectiveTo: '2028-12-31T23:59:59Z',
      }),
    );
    for (const party of ['agency', 'partner']) {
      await client.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
        party,
        name: `${party} signatory`,
        title: 'Director',
      });
    }
    await client.call(admin, 'funding', 'POST', '/budgets', {
      initiativeId,
      partnerId: partner.id,
      costPerCaseCents: 30_000,
      allocations: [{ sourceId: sources, amountCents: 50_000_000 }],
    });
    await untilRoutingKnows(client, [agreementId]);
  }
  return { agency, alpha, bravo };
}
