import { randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import {
  LAKESHORE_211_IMPORT_OPTIONS,
  LAKESHORE_211_ORGANIZATION,
} from '../../apps/agreements/src/hsds/hsds-test-fixtures';
import { aCrisisIncident } from '../../apps/referrals/src/intake/eido/eido-test-documents';
import { DOWNTOWN } from './fixtures';

const NOW = new Date();
const LATER = new Date(NOW.getTime() + 365 * 86_400_000);
const day = (date: Date) => date.toISOString().slice(0, 10);
const organization = {
  name: 'Riverside Crisis Team',
  type: 'mental-health-provider',
  services: [
    {
      name: 'Crisis team',
      category: 'mental-health-crisis',
      area: DOWNTOWN,
      capacity: 10,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/Los_Angeles',
        weekly: [{ day: 'mon', opens: '08:00', closes: '17:00' }],
      },
      eligibility: { minAge: 18 },
    },
  ],
};
const terms = {
  categories: ['substance-use'],
  sharedFields: ['person.name'],
  sharedFieldsWithoutConsent: [],
  part2: { redisclosureNotice: 'This record is protected by 42 CFR Part 2; no redisclosure.' },
  acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
};

const activity = {
  kind: 'training',
  topic: 'crisis-de-escalation',
  title: 'De-escalation for patrol and crisis staff',
  place: 'Riverside Community Center',
  startsAt: NOW.toISOString(),
  endsAt: new Date(NOW.getTime() + 3 * 3_600_000).toISOString(),
  organizationIds: [randomUUID()],
};

/**
 * A body each write endpoint of the committed OpenAPI documents accepts (keyed "METHOD /path"),
 * so that a test which breaks one thing in it knows that thing is the only fault.
 */
export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /organizations': organization,
  'PUT /organizations/{id}': organization,
  'POST /initiatives': {
    name: 'Riverside Co-Response',
    leadAgencyId: randomUUID(),
    partnerIds: [randomUUID()],
    categories: ['mental-health-crisis'],
    periodFrom: day(NOW),
    periodTo: day(LATER),
    kpiTargets: [{ metric: 'median-minutes-to-accept', target: 15, unit: 'minutes' }],
  },
  'PUT /initiatives/{id}/kpi-targets': {
    kpiTargets: [{ kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 4 }],
  },
  'POST /initiatives/{id}/activities': activity,
  'PUT /activities/{id}': activity,
  'POST /activities/{id}/participation': { organizationId: randomUUID() },
  'PUT /activities/{id}/attendance': {
    attendance: [{ organizationId: randomUUID(), attendees: 12 }],
  },
  'POST /initiatives/{id}/surveys': {
    title: 'How did we do?',
    introduction: 'The police and its partners ask whether their help works.',
  },
  'POST /surveys/{id}/answers': {
    token: 'eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    areaCode: '9q8yy',
    scores: { helped: 4, respected: 5, timely: 3, wouldCallAgain: 5 },
    comment: 'They listened.',
  },
  'POST /agreements': {
    initiativeId: randomUUID(),
    partnerId: randomUUID(),
    ...terms,
    effectiveFrom: NOW.toISOString(),
    effectiveTo: LATER.toISOString(),
  },
  'POST /agreements/{id}/signatures': { party: 'agency', name: 'A. Chen', title: 'Chief' },
  'POST /agreements/{id}/suspend': { reason: 'Audit finding under review' },
  'POST /agreements/{id}/terminate': { reason: 'Programme ended' },
  'POST /agreements/{id}/amendments': {
    reason: 'Annual review',
    ...terms,
    effectiveTo: LATER.toISOString(),
  },
  'POST /funding-sources': {
    name: 'Co-response grant',
    funder: 'US DOJ COPS Office',
    kind: 'federal-grant',
    awardCents: 10_000_000,
    periodFrom: day(NOW),
    periodTo: day(LATER),
    restrictions: 'Crisis response only',
  },
  'POST /budgets': {
    initiativeId: randomUUID(),
    partnerId: randomUUID(),
    category: 'mental-health-crisis',
    costPerCaseCents: 30_000,
    allocations: [{ sourceId: randomUUID(), amountCents: 300_000 }],
  },
  'POST /budgets/{id}/allocations': { sourceId: randomUUID(), amountCents: 100_000 },
  'POST /subscriptions': {
    audience: 'organization',
    eventTypes: [ReferralEvents.assigned.type],
    channel: 'webhook',
    webhook: { url: 'https://partner.example.org/concord', secret: 'k'.repeat(32) },
  },
  'POST /referrals': {
    incidentReference: 'RPD-2026-118204',
    category: 'mental-health-crisis',
    urgency: 'routine',
    location: { latitude: 45.519, longitude: -122.679, address: '1120 SW 5th Ave, Riverton' },
    person: { name: 'Sam Okafor', age: 29, phone: '+1 503 555 0142', language: 'en' },
    contactPreference: 'phone',
    consent: {
      obtained: false,
      override: { reason: 'Imminent risk to the person', authorizedBy: 'Sgt. R. Diaz #1180' },
    },
    narrative: 'Caller reports a man in distress on the plaza.',
  },
  'POST /referrals/{id}/decline': { reason: 'no-capacity', note: 'Team at capacity' },
  'POST /referrals/{id}/contact': { note: 'Reached by phone' },
  'POST /referrals/{id}/complete': { outcome: 'successful', note: 'Linked to care' },
  'POST /referrals/{id}/cancel': { reason: 'No longer needed' },
  'POST /referrals/eido': {
    ...aCrisisIncident(),
    concord: {
      consent: { obtained: true, method: 'verbal', obtainedBy: 'Call taker 7' },
      contactPreference: 'phone',
    },
  },
  'PUT /organizations/{id}/incident-types': {
    types: [{ code: 'MH-CRISIS', category: 'mental-health-crisis', urgency: 'immediate' }],
  },
  'POST /hsds/import': {
    dryRun: true,
    options: LAKESHORE_211_IMPORT_OPTIONS,
    organizations: [LAKESHORE_211_ORGANIZATION],
  },
};

/**
 * Objects validated as a whole by their own rule rather than property by property: they refuse
 * any other member, and any fault inside, with that rule's message naming the object. Keyed by
 * the dotted path without array positions.
 */
export const VALIDATED_AS_A_WHOLE: Record<string, string> = {
  'services.area': 'a GeoJSON geometry: anything but type and coordinates fails the geometry rule',
};

/**
 * Arrays of records that a request hands to a background job, which reads each record on its own
 * and reports, field by field, each one it cannot take: a malformed record is accepted with the
 * request (202) and refused in the job's report, never by the request. Keyed by "METHOD /path"
 * and the array's dotted path.
 */
export const RECORDS_JUDGED_BY_A_JOB: Record<string, string> = {
  'POST /hsds/import organizations': 'HSDS organisations, each read by the import job',
  'POST /hsds/import services': 'HSDS services, each read by the import job',
};
