import { Api } from './agreements-service';

const AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.7, 41.8],
      [-87.6, 41.8],
      [-87.6, 41.9],
      [-87.7, 41.8],
    ],
  ],
};

export const crisisService = (overrides: Record<string, unknown> = {}) => ({
  name: 'Mobile crisis team',
  category: 'mental-health-crisis',
  area: AREA,
  capacity: 5,
  hours: {
    alwaysOpen: false,
    timeZone: 'America/Chicago',
    weekly: [
      { day: 'mon', opens: '08:00', closes: '18:00' },
      { day: 'tue', opens: '08:00', closes: '18:00' },
    ],
  },
  eligibility: { minAge: 16, maxAge: 99 },
  ...overrides,
});

export const housingService = (overrides: Record<string, unknown> = {}) => ({
  name: 'Shelter intake',
  category: 'homelessness',
  area: AREA,
  capacity: 12,
  hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
  ...overrides,
});

export const registerAgency = (admin: Api, name = 'Metro Police Department') =>
  admin.expect(201, 'POST', '/organizations', { name, type: 'police-agency', services: [] });

export const registerPartner = (admin: Api, name = 'Harbor Mental Health') =>
  admin.expect(201, 'POST', '/organizations', {
    name,
    type: 'mental-health-provider',
    services: [crisisService()],
  });

export const startInitiative = (admin: Api, leadAgencyId: string, partnerIds: string[]) =>
  admin.expect(201, 'POST', '/initiatives', {
    name: 'Crisis response 2026',
    leadAgencyId,
    partnerIds,
    categories: ['mental-health-crisis', 'welfare-check'],
    periodFrom: '2026-01-01',
    periodTo: '2027-12-31',
    kpiTargets: [{ metric: 'median minutes to assign', target: 15, unit: 'minutes' }],
  });

export const agreementTerms = (initiativeId: string, partnerId: string) => ({
  initiativeId,
  partnerId,
  categories: ['mental-health-crisis'],
  sharedFields: ['person.name', 'person.phone', 'consent'],
  acceptWithinMinutes: { immediate: 10, 'same-day': 240, routine: 2880 },
  effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
});

/** A police agency, a partner and their initiative, ready for agreements. */
export async function programme(admin: Api) {
  const agency = await registerAgency(admin);
  const partner = await registerPartner(admin);
  const initiative = await startInitiative(admin, agency.id, [partner.id]);
  return {
    agencyId: agency.id as string,
    partnerId: partner.id as string,
    initiativeId: initiative.id as string,
  };
}

export const signBoth = async (admin: Api, agreementId: string) => {
  await admin.expect(201, 'POST', `/agreements/${agreementId}/signatures`, {
    party: 'agency',
    name: 'Jane Roe',
    title: 'Chief of Police',
  });
  return admin.expect(201, 'POST', `/agreements/${agreementId}/signatures`, {
    party: 'partner',
    name: 'Sam Poe',
    title: 'Executive Director',
  });
};
