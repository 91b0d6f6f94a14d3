import { randomUUID } from 'node:crypto';
import { Role } from '@concord/auth';
import { ReferralEvents } from '@concord/contracts';
import { ConcordSystem } from '../support/concord-system';
import { DOWNTOWN } from '../support/fixtures';
import {
  documentedOperations,
  fieldPaths,
  Operation,
  operationKey,
  Schema,
  Service,
} from '../support/openapi';
import { devToken } from '../support/tokens';

/**
 * Mass assignment (OWASP API3:2023, broken object property level authorisation): no request body
 * can set what the server owns. Every write endpoint of the committed OpenAPI documents gets a
 * valid body with server-owned properties added at every level the body has, and must refuse each
 * of them by name; nothing in a documented request declares one, bar the references listed below.
 */

/** Properties only the server sets: identity, state, bookkeeping, and who did what. */
const SERVER_OWNED = [
  'id',
  'status',
  'createdAt',
  'updatedAt',
  'version',
  'organizationId',
  'agencyId',
  'partnerId',
  'submittedBy',
  'recordedBy',
  'signedAt',
  'attempt',
  'reservedCents',
  'chargedCents',
  'role',
];

/** Server-owned names a request does declare, because there they are the caller's choice. */
const DECLARED_ON_PURPOSE: Record<string, string> = {
  'POST /agreements partnerId': 'the admin chooses the partner the agreement is with',
  'POST /budgets partnerId': 'the admin chooses the partner the budget pays',
  'POST /organizations services.id':
    'a reference to an existing service of this organisation (refused on create)',
  'PUT /organizations/{id} services.id':
    'a reference to an existing service of this organisation; any other id is refused',
};

/**
 * Objects validated as a whole by their own rule rather than property by property: they refuse
 * any other member with that rule's message instead of naming it, so nothing is added to them.
 */
const VALIDATED_AS_A_WHOLE: Record<string, string> = {
  'services.area': 'a GeoJSON geometry: anything but type and coordinates fails the geometry rule',
};

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

/** A body each write endpoint accepts, so that the only thing wrong is what the test adds. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
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
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `body` with every server-owned property the schema does not declare added to each object in it
 * that the schema describes field by field (free-form objects are left alone), and the dotted
 * paths of what was added, as the 400 names them (array positions included).
 */
function withServerOwned(body: Json, declared: ReadonlySet<string>): [Json, string[]] {
  const added: string[] = [];
  const visit = (value: unknown, path: string, schemaPath: string): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, `${path}${index}.`, schemaPath));
    }
    if (!isObject(value)) return value;
    const copy: Json = {};
    for (const [name, item] of Object.entries(value)) {
      copy[name] = visit(item, `${path}${name}.`, `${schemaPath}${name}.`);
    }
    const describedFieldByField =
      [...declared].some((field) => field.startsWith(schemaPath)) &&
      !VALIDATED_AS_A_WHOLE[schemaPath.slice(0, -1)];
    if (!describedFieldByField) return copy;
    for (const name of SERVER_OWNED.filter((name) => !declared.has(`${schemaPath}${name}`))) {
      copy[name] = name.endsWith('Cents') || name === 'attempt' ? 1 : randomUUID();
      added.push(`${path}${name}`);
    }
    return copy;
  };
  return [visit(body, '', '') as Json, added];
}

const refused = (field: string) =>
  `property ${JSON.stringify(field)} must not be sent: it is not a field of this request`;

describe('mass assignment', () => {
  jest.setTimeout(300_000);
  const writes = documentedOperations().filter(({ method }) => method !== 'GET');
  const withBody = writes.filter((operation) => operation.body);
  const declaredFields = (operation: Operation) =>
    new Set(fieldPaths(operation.body as Schema, operation.schemas));

  let system: ConcordSystem;

  beforeAll(async () => {
    system = await ConcordSystem.start({
      services: ['referrals', 'agreements', 'funding', 'notifications'],
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** The answer of the first role (admin, dispatcher, partner) the route lets past its guard. */
  async function sendAsPermittedRole(
    operation: Operation,
    body: unknown,
  ): Promise<{ role: Role; status: number; body: Json }> {
    const url = operation.path.replace('{id}', randomUUID());
    let last = { role: 'admin' as Role, status: 0, body: {} as Json };
    for (const role of ['admin', 'dispatcher', 'partner'] as Role[]) {
      const token = await devToken(role, role === 'admin' ? undefined : randomUUID());
      const response = await fetch(`${system.processes[operation.service as Service].url}${url}`, {
        method: operation.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      last = { role, status: response.status, body: (await response.json()) as Json };
      if (response.status !== 403) return last;
    }
    return last;
  }

  it('every write endpoint with a body has a valid example (a new one fails until given one)', () => {
    expect(withBody.map(operationKey).filter((key) => !VALID_BODIES[key])).toEqual([]);
    expect(withBody.length).toBeGreaterThan(15);
  });

  it('no documented request declares a server-owned property, bar the references listed', () => {
    const declared = withBody.flatMap((operation) =>
      [...declaredFields(operation)]
        .filter((path) => SERVER_OWNED.includes(path.split('.').pop() ?? ''))
        .map((path) => `${operationKey(operation)} ${path}`),
    );
    expect(declared.sort()).toEqual(Object.keys(DECLARED_ON_PURPOSE).sort());
  });

  it('every write endpoint refuses, by name, each server-owned property at every level of its body', async () => {
    const wrong: string[] = [];
    for (const operation of withBody) {
      const [body, added] = withServerOwned(
        VALID_BODIES[operationKey(operation)],
        declaredFields(operation),
      );
      const answer = await sendAsPermittedRole(operation, body);
      const messages = ([] as unknown[]).concat(answer.body.message).map(String).sort();
      const expected = added.map(refused).sort();
      if (answer.status !== 400 || JSON.stringify(messages) !== JSON.stringify(expected)) {
        wrong.push(
          `${operationKey(operation)} as ${answer.role} → ${answer.status} ${JSON.stringify(messages)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a valid body alone passes validation on every write endpoint (the refusals above are not for other faults)', async () => {
    const wrong: string[] = [];
    for (const operation of withBody) {
      const answer = await sendAsPermittedRole(operation, VALID_BODIES[operationKey(operation)]);
      if (answer.status === 400 || answer.status >= 500) {
        wrong.push(
          `${operationKey(operation)} as ${answer.role} → ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a consent override records the token subject as recordedBy, never the body', async () => {
    const submit = documentedOperations().find(
      (operation) => operationKey(operation) === 'POST /referrals',
    ) as Operation;
    const agency = randomUUID();
    const token = await devToken('dispatcher', agency);
    const referrals = system.processes.referrals.url;
    const request = VALID_BODIES[operationKey(submit)] as { consent: { override: Json } };
    const forged = {
      ...request,
      consent: { ...request.consent, override: { ...request.consent.override, recordedBy: 'x' } },
    };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const refusedAnswer = await fetch(`${referrals}/referrals`, {
      method: 'POST',
      headers,
      body: JSON.stringify(forged),
    });
    expect(refusedAnswer.status).toBe(400);
    expect(((await refusedAnswer.json()) as Json).message).toEqual([
      refused('consent.override.recordedBy'),
    ]);

    const created = await fetch(`${referrals}/referrals`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify(request),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = (await (await fetch(`${referrals}/referrals/${id}`, { headers })).json()) as {
      consent: { override: Json };
    };
    expect(view.consent.override).toEqual({
      ...request.consent.override,
      recordedBy: 'test-dispatcher',
    });
  });
});
