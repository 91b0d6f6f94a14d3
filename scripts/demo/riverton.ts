import { randomUUID } from 'node:crypto';
import { ConcordClient, Json } from './concord-client';

/**
 * Riverton: a believable city for the demo and the end-to-end test. A police agency, four
 * community partners with their service areas and hours, one joint initiative, an agreement
 * with each partner, a federal grant and the city's budget funding the partners' cases.
 */

const admin = { role: 'admin' as const };

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

const id = (answer: Json): string => answer.id as string;

/** Routing learns of agreements from events: waits until it knows each one in force. */
export async function untilRoutingKnows(
  client: ConcordClient,
  agreementIds: readonly string[],
): Promise<void> {
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
}

export async function seedRiverton(
  client: ConcordClient,
  log: (line: string) => void = () => undefined,
): Promise<Riverton> {
  const suffix = randomUUID().slice(0, 4);
  const agencyId = id(
    await client.call(admin, 'agreements', 'POST', '/organizations', {
      name: `Riverton Police Department (${suffix})`,
      type: 'police-agency',
      services: [],
    }),
  );
  log(`police agency      Riverton Police Department   ${agencyId}`);

  const partners = {} as Record<PartnerKey, string>;
  for (const [key, partner] of Object.entries(PARTNERS) as [
    PartnerKey,
    (typeof PARTNERS)[PartnerKey],
  ][]) {
    partners[key] = id(
      await client.call(admin, 'agreements', 'POST', '/organizations', {
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
      }),
    );
    log(`partner            ${partner.name.padEnd(36)} ${partners[key]}`);
  }

  const initiativeId = id(
    await client.call(admin, 'agreements', 'POST', '/initiatives', {
      name: 'Behavioural-health co-response 2027',
      leadAgencyId: agencyId,
      partnerIds: Object.values(partners),
      categories: Object.values(PARTNERS).map((partner) => partner.category),
      periodFrom: '2026-07-01',
      periodTo: '2027-12-31',
      kpiTargets: [
        { metric: 'median-minutes-to-accept', target: 15, unit: 'minutes' },
        { metric: 'share-with-outcome', target: 0.9 },
      ],
    }),
  );
  log(`initiative         Behavioural-health co-response 2027   ${initiativeId}`);

  const agreements = {} as Record<PartnerKey, string>;
  for (const key of Object.keys(PARTNERS) as PartnerKey[]) {
    const agreementId = id(
      await client.call(admin, 'agreements', 'POST', '/agreements', {
        initiativeId,
        partnerId: partners[key],
        categories: [PARTNERS[key].category],
        sharedFields: [
          'person.name',
          'person.age',
          'person.phone',
          'person.language',
          'contactPreference',
          'location.address',
        ],
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
        effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
        effectiveTo: '2027-12-31T23:59:59Z',
      }),
    );
    await client.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
      party: 'agency',
      name: 'Chief Dana Whitfield',
      title: 'Chief of Police',
    });
    await client.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
      party: 'partner',
      name: `${PARTNERS[key].name} director`,
      title: 'Executive Director',
    });
    agreements[key] = agreementId;
  }
  log(`agreements (MOUs)  ${Object.keys(agreements).length} signed by both parties, in force`);

  const federalGrant = id(
    await client.call(admin, 'funding', 'POST', '/funding-sources', {
      name: 'Community Policing Development: crisis response',
      funder: 'US DOJ COPS Office',
      kind: 'federal-grant',
      awardCents: 25_000_000,
      periodFrom: '2026-07-01',
      periodTo: '2027-12-31',
      restrictions: 'Behavioural-health response only; no equipment purchases.',
    }),
  );
  const cityBudget = id(
    await client.call(admin, 'funding', 'POST', '/funding-sources', {
      name: 'Riverton FY2027 general fund: alternative response',
      funder: 'City of Riverton',
      kind: 'city-budget',
      awardCents: 8_000_000,
      periodFrom: '2026-07-01',
      periodTo: '2027-06-30',
    }),
  );
  log('funding            federal grant $250,000.00; city budget $80,000.00');

  const allocations: Record<PartnerKey, { sourceId: string; amountCents: number }[]> = {
    behavioralHealth: [
      { sourceId: federalGrant, amountCents: 12_000_000 },
      { sourceId: cityBudget, amountCents: 3_000_000 },
    ],
    youth: [{ sourceId: federalGrant, amountCents: 4_000_000 }],
    neighbourhood: [{ sourceId: cityBudget, amountCents: 2_000_000 }],
    advocacy: [{ sourceId: federalGrant, amountCents: 6_000_000 }],
  };
  const budgets = {} as Record<PartnerKey, string>;
  for (const key of Object.keys(PARTNERS) as PartnerKey[]) {
    budgets[key] = id(
      await client.call(admin, 'funding', 'POST', '/budgets', {
        initiativeId,
        partnerId: partners[key],
        costPerCaseCents: PARTNERS[key].costPerCaseCents,
        allocations: allocations[key],
      }),
    );
  }
  log(`budgets            ${Object.keys(budgets).length}, one per partner, with a cost per case`);

  await untilRoutingKnows(client, Object.values(agreements));
  return {
    agencyId,
    partners,
    initiativeId,
    agreements,
    sources: { federalGrant, cityBudget },
    budgets,
  };
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
