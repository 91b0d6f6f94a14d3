import { randomUUID } from 'node:crypto';
import { ConcordClient, Json, Programme, setUpProgramme } from '@concord/testing';

/**
 * Riverton: a believable city for the demo and the end-to-end test. A police agency, four
 * community partners with their service areas and hours, one joint initiative, an agreement
 * with each partner, a federal grant and the city's budget funding the partners' cases.
 */

/** A rectangle of [longitude, latitude] corners as a GeoJSON Polygon. */
const area = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

/** Riverton's city limits, as [longitude, latitude] corners. */
export const CITY = area(-122.75, 45.45, -122.55, 45.6);
const EASTSIDE = area(-122.66, 45.45, -122.55, 45.6);
const NORTHGATE = area(-122.75, 45.54, -122.55, 45.6);
const TIME_ZONE = 'America/Los_Angeles';
const AROUND_THE_CLOCK = { alwaysOpen: true, timeZone: TIME_ZONE, weekly: [] };
const weekdays = (opens: string, closes: string) => ({
  alwaysOpen: false,
  timeZone: TIME_ZONE,
  weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens, closes })),
});

const PARTNERS = {
  behavioralHealth: {
    name: 'Riverton Behavioral Health',
    type: 'mental-health-provider',
    service: 'Mobile crisis response',
    category: 'mental-health-crisis',
    area: CITY,
    capacity: 12,
    hours: AROUND_THE_CLOCK,
    eligibility: {},
    costPerCaseCents: 35_000,
  },
  youth: {
    name: 'Eastside Youth Alliance',
    type: 'youth-organization',
    service: 'Youth diversion and mentoring',
    category: 'youth',
    area: EASTSIDE,
    capacity: 20,
    hours: weekdays('08:00', '20:00'),
    eligibility: { minAge: 10, maxAge: 24 },
    costPerCaseCents: 20_000,
  },
  neighbourhood: {
    name: 'Northgate Neighbourhood Association',
    type: 'neighbourhood-association',
    service: 'Community mediation',
    category: 'neighbourhood-dispute',
    area: NORTHGATE,
    capacity: 8,
    hours: weekdays('09:00', '17:00'),
    eligibility: { minAge: 18 },
    costPerCaseCents: 12_000,
  },
  advocacy: {
    name: 'Riverton Advocacy Collective',
    type: 'advocacy-group',
    service: 'Domestic-violence advocacy line',
    category: 'domestic-violence',
    area: CITY,
    capacity: 15,
    hours: AROUND_THE_CLOCK,
    eligibility: {},
    costPerCaseCents: 28_000,
  },
} as const;

export type PartnerKey = keyof typeof PARTNERS;

export interface Riverton {
  agencyId: string;
  partners: Record<PartnerKey, string>;
  initiativeId: string;
  agreements: Record<PartnerKey, string>;
  sources: { federalGrant: string; cityBudget: string };
  budgets: Record<PartnerKey, string>;
}

const SHARED_FIELDS = [
  'person.name',
  'person.age',
  'person.phone',
  'person.language',
  'contactPreference',
  'location.address',
];

/** How each partner's budget is funded: the federal grant, the city's budget, or both. */
const ALLOCATIONS: Record<PartnerKey, { source: string; amountCents: number }[]> = {
  behavioralHealth: [
    { source: 'federalGrant', amountCents: 12_000_000 },
    { source: 'cityBudget', amountCents: 3_000_000 },
  ],
  youth: [{ source: 'federalGrant', amountCents: 4_000_000 }],
  neighbourhood: [{ source: 'cityBudget', amountCents: 2_000_000 }],
  advocacy: [{ source: 'federalGrant', amountCents: 6_000_000 }],
};

export async function seedRiverton(
  client: ConcordClient,
  log: (line: string) => void = () => undefined,
): Promise<Riverton> {
  const suffix = randomUUID().slice(0, 4);
  const keys = Object.keys(PARTNERS) as PartnerKey[];
  const programme = await setUpProgramme(client, {
    agency: `Riverton Police Department (${suffix})`,
    initiative: {
      name: 'Behavioural-health co-response 2027',
      categories: Object.values(PARTNERS).map((partner) => partner.category),
      periodFrom: '2026-07-01',
      periodTo: '2027-12-31',
      kpiTargets: [
        {
          kind: 'median-minutes-to-accept',
          metric: 'Median minutes to accept',
          target: 15,
          unit: 'minutes',
        },
        { kind: 'outcome-recorded-share', metric: 'Share with an outcome recorded', target: 0.9 },
        { kind: 'trainings-per-quarter', metric: 'Joint trainings a quarter', target: 2 },
      ],
    },
    sources: {
      federalGrant: {
        name: 'Community Policing Development: crisis response',
        funder: 'US DOJ COPS Office',
        kind: 'federal-grant',
        awardCents: 25_000_000,
        periodFrom: '2026-07-01',
        periodTo: '2027-12-31',
        restrictions: 'Behavioural-health response only; no equipment purchases.',
      },
      cityBudget: {
        name: 'Riverton FY2027 general fund: alternative response',
        funder: 'City of Riverton',
        kind: 'city-budget',
        awardCents: 8_000_000,
        periodFrom: '2026-07-01',
        periodTo: '2027-06-30',
      },
    },
    partners: keys.map((key) => {
      const partner = PARTNERS[key];
      return {
        name: partner.name,
        type: partner.type,
        services: [
          {
            name: partner.service,
            category: partner.category,
            area: partner.area,
            capacity: partner.capacity,
            hours: partner.hours,
            eligibility: partner.eligibility,
          },
        ],
        agreement: {
          categories: [partner.category],
          sharedFields: SHARED_FIELDS,
          acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
          effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
          effectiveTo: '2027-12-31T23:59:59Z',
          signatories: {
            agency: { name: 'Chief Dana Whitfield', title: 'Chief of Police' },
            partner: { name: `${partner.name} director`, title: 'Executive Director' },
          },
        },
        budget: { costPerCaseCents: partner.costPerCaseCents, allocations: ALLOCATIONS[key] },
      };
    }),
  });
  const byKey = (pick: (entry: Programme['partners'][number]) => string | undefined) =>
    Object.fromEntries(
      keys.map((key, index) => [key, pick(programme.partners[index]) ?? '']),
    ) as Record<PartnerKey, string>;
  const city: Riverton = {
    agencyId: programme.agencyId,
    partners: byKey(({ id }) => id),
    initiativeId: programme.initiativeId,
    agreements: byKey(({ agreementId }) => agreementId),
    sources: {
      federalGrant: programme.sources.federalGrant,
      cityBudget: programme.sources.cityBudget,
    },
    budgets: byKey(({ budgetId }) => budgetId),
  };
  log(`police agency      Riverton Police Department   ${city.agencyId}`);
  for (const key of keys)
    log(`partner            ${PARTNERS[key].name.padEnd(36)} ${city.partners[key]}`);
  log(`initiative         Behavioural-health co-response 2027   ${city.initiativeId}`);
  log(`agreements (MOUs)  ${keys.length} signed by both parties, in force`);
  log('funding            federal grant $250,000.00; city budget $80,000.00');
  log(`budgets            ${keys.length}, one per partner, with a cost per case`);
  return city;
}

/** A mental-health crisis call from downtown Riverton, as CAD sends it. */
export function crisisCall(): Json {
  return {
    incidentReference: `RPD-${new Date().getFullYear()}-${Math.floor(100000 + Math.random() * 899999)}`,
    category: 'mental-health-crisis',
    urgency: 'immediate',
    location: { latitude: 45.519, longitude: -122.679, address: '1120 SW 5th Ave, Riverton' },
    person: { name: 'Sam Okafor', age: 29, phone: '+1 503 555 0142', language: 'en' },
    contactPreference: 'phone',
    consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer L. Park #2271' },
    narrative:
      'Caller reports a man in distress on the plaza, talking about not wanting to live. No weapon seen.',
  };
}

/** Dispatch hands over the call; the partner accepts, records contact and completes it. */
export async function walkCrisisReferral(
  client: ConcordClient,
  city: Riverton,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const dispatcher = { role: 'dispatcher' as const, org: city.agencyId };
  const crisisTeam = { role: 'partner' as const, org: city.partners.behavioralHealth };
  const referral = await client.call(dispatcher, 'referrals', 'POST', '/referrals', crisisCall());
  const referralId = referral.id as string;
  log(`submitted          referral ${referralId} (${referral.incidentReference as string})`);

  const offered = await client.until('the referral to be offered', async () => {
    const view = await client.call(dispatcher, 'referrals', 'GET', `/referrals/${referralId}`);
    return view.status === 'offered' ? view : undefined;
  });
  const assignment = offered.assignment as { partnerId: string; acceptBy: string };
  log(`assigned           to Riverton Behavioral Health, accept by ${assignment.acceptBy}`);

  await client.call(crisisTeam, 'referrals', 'POST', `/referrals/${referralId}/accept`);
  log('accepted           by the crisis team');
  await client.call(crisisTeam, 'referrals', 'POST', `/referrals/${referralId}/contact`, {
    note: 'Clinician on scene; person agreed to talk.',
  });
  log('in progress        contact made');
  await client.call(crisisTeam, 'referrals', 'POST', `/referrals/${referralId}/complete`, {
    outcome: 'successful',
    note: 'Safety plan made; linked to outpatient care.',
  });
  log('completed          outcome: successful');
  return referralId;
}
