import { randomUUID } from 'node:crypto';
import { ConcordClient, PartnerSpec, setUpProgramme } from '@concord/testing';
import { CITY } from './riverton';

export interface ConsoleProgramme {
  agency: { id: string; name: string };
  initiative: { id: string; name: string };
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
  const crisisTeam = (name: string, sharedFields?: string[]): PartnerSpec => ({
    name,
    services: [
      {
        name: `${name} mobile crisis`,
        category: 'mental-health-crisis',
        area: CITY,
        capacity: options.capacity ?? 50,
        hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
        eligibility: {},
      },
    ],
    ...(sharedFields && {
      agreement: {
        categories: ['mental-health-crisis'],
        sharedFields,
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
        effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
        effectiveTo: '2028-12-31T23:59:59Z',
      },
      budget: {
        costPerCaseCents: 30_000,
        allocations: [{ source: 'grant', amountCents: 50_000_000 }],
      },
    }),
  });
  const names = {
    agency: `Riverton Police ${suffix}`,
    initiative: `Co-response ${suffix}`,
    alpha: `Alpha Crisis Team ${suffix}`,
    bravo: `Bravo Crisis Team ${suffix}`,
  };
  const programme = await setUpProgramme(client, {
    agency: names.agency,
    initiative: {
      name: names.initiative,
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [
        { kind: 'median-minutes-to-accept', metric: 'median-minutes-to-accept', target: 15 },
      ],
    },
    sources: {
      grant: {
        name: `Crisis response grant ${suffix}`,
        funder: 'City of Riverton',
        kind: 'city-budget',
        awardCents: 100_000_000,
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      },
    },
    partners: [
      crisisTeam(names.alpha, ['person.name', 'person.phone', 'contactPreference', 'narrative']),
      crisisTeam(names.bravo, options.alphaOnly ? undefined : ['contactPreference']),
    ],
  });
  const [alpha, bravo] = programme.partners;
  return {
    agency: { id: programme.agencyId, name: names.agency },
    initiative: { id: programme.initiativeId, name: names.initiative },
    alpha: { id: alpha.id, name: names.alpha },
    bravo: { id: bravo.id, name: names.bravo },
  };
}
