import { randomUUID } from 'node:crypto';
import { Role } from '@concord/auth';
import { ReferralEvents } from '@concord/contracts';
import { Actor, Json } from '@concord/testing';
import { ConcordSystem } from '../support/concord-system';
import { DOWNTOWN } from '../support/fixtures';
import { documentedOperations, Operation, operationKey, Service } from '../support/openapi';
import { devToken } from '../support/tokens';

/** Left out on purpose: they hold no organisation's object. */
const EXCLUDED: Record<string, string> = {
  'GET /health': 'public liveness/readiness probe: no data, no token (every service)',
  ...Object.fromEntries(
    [
      'GET /surveys/{id}/form',
      'GET /surveys/{id}/page',
      'GET /surveys/{id}/qr.svg',
      'POST /surveys/{id}/answers',
    ].map((route) => [
      route,
      "the community survey's public routes: no token by design, they show a survey's questions and take anonymous answers (docs/security.md; apps/agreements/test/survey.test.ts)",
    ]),
  ),
};

/**
 * Object-level authorisation (OWASP API1:2023, API5:2023): every endpoint, called by each role
 * acting for organisation B (and the auditor on every write) with organisation A's objects, answers
 * 403 or 404 and never a byte of A's data; A itself gets 2xx on the reads (positive control).
 */
describe('object-level authorisation across every endpoint', () => {
  jest.setTimeout(600_000);

  let system: ConcordSystem;
  const admin: Actor = { role: 'admin' };
  /** Organisation A's objects, by the name the path fixtures use. */
  const a: Record<string, string> = {};
  /** Strings of A's that no caller of B may ever see: ids and the person's details. */
  let secrets: string[] = [];
  let agencyB = '';
  let partnerB = '';

  const call = (as: Actor, service: Service, method: string, path: string, body?: unknown) =>
    system.client.call<Json>(as, service, method, path, body);

  beforeAll(async () => {
    system = await ConcordSystem.start();
    const tag = randomUUID().slice(0, 6);
    const organization = async (name: string, type: string) =>
      (
        await call(admin, 'agreements', 'POST', '/organizations', {
          name: `${name} ${tag}`,
          type,
          services:
            type === 'police-agency'
              ? []
              : [
                  {
                    name: 'Crisis team',
                    category: 'mental-health-crisis',
                    area: DOWNTOWN,
                    capacity: 10,
                    hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
                    eligibility: {},
                  },
                ],
        })
      ).id as string;
    a.agency = await organization('Police A', 'police-agency');
    a.partner = await organization('Partner A', 'mental-health-provider');
    agencyB = await organization('Police B', 'police-agency');
    partnerB = await organization('Partner B', 'mental-health-provider');
    a.initiative = (
      await call(admin, 'agreements', 'POST', '/initiatives', {
        name: `Initiative A ${tag}`,
        leadAgencyId: a.agency,
        partnerIds: [a.partner],
        categories: ['mental-health-crisis'],
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      })
    ).id as string;
    a.activity = (
      await call(admin, 'agreements', 'POST', `/initiatives/${a.initiative}/activities`, {
        kind: 'training',
        topic: 'crisis-de-escalation',
        title: `Training A ${tag}`,
        place: 'Community Center',
        startsAt: '2026-10-14T09:00:00Z',
        endsAt: '2026-10-14T12:00:00Z',
        organizationIds: [a.agency, a.partner],
      })
    ).id as string;
    a.agreement = (
      await call(admin, 'agreements', 'POST', '/agreements', {
        initiativeId: a.initiative,
        partnerId: a.partner,
        categories: ['mental-health-crisis'],
        sharedFields: ['person.name', 'person.phone'],
        acceptWithinMinutes: { immediate: 600, 'same-day': 600, routine: 6000 },
        effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
      })
    ).id as string;
    for (const party of ['agency', 'partner']) {
      await call(admin, 'agreements', 'POST', `/agreements/${a.agreement}/signatures`, {
        party,
        name: 'Signatory',
        title: 'Director',
      });
    }
    a.source = (
      await call(admin, 'funding', 'POST', '/funding-sources', {
        name: `Grant A ${tag}`,
        funder: 'US DOJ COPS Office',
        kind: 'federal-grant',
        awardCents: 10_000_000,
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      })
    ).id as string;
    a.budget = (
      await call(admin, 'funding', 'POST', '/budgets', {
        initiativeId: a.initiative,
        partnerId: a.partner,
        costPerCaseCents: 30_000,
        allocations: [{ sourceId: a.source, amountCents: 300_000 }],
      })
    ).id as string;
    const partnerA: Actor = { role: 'partner', org: a.partner };
    const dispatcherA: Actor = { role: 'dispatcher', org: a.agency };
    a.subscription = (
      await call(partnerA, 'notifications', 'POST', '/subscriptions', {
        eventTypes: [ReferralEvents.assigned.type],
        channel: 'inbox',
      })
    ).id as string;
    await system.client.until('routing to know agreement and budget A', async () => {
      const agreement = await call(admin, 'referrals', 'GET', `/routing/agreements/${a.agreement}`);
      await call(admin, 'referrals', 'GET', `/routing/budgets/${a.budget}`);
      return agreement.status === 'active' && agreement.partnerKnown ? true : undefined;
    });
    const person = { name: 'Sam Okafor', age: 29, phone: '+1 503 555 0142', language: 'en' };
    const referral = await call(dispatcherA, 'referrals', 'POST', '/referrals', {
      incidentReference: `RPD-A-${tag}`,
      category: 'mental-health-crisis',
      urgency: 'routine',
      location: { latitude: 45.519, longitude: -122.679, address: '1120 SW 5th Ave, Riverton' },
      person,
      contactPreference: 'phone',
      consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer L. Park #2271' },
      narrative: 'Caller reports a man in distress on the plaza.',
    });
    a.referral = referral.id as string;
    await system.client.until('referral A to be offered to partner A', async () => {
      const view = await call(dispatcherA, 'referrals', 'GET', `/referrals/${a.referral}`);
      return view.status === 'offered' ? true : undefined;
    });
    a.inboxItem = await system.client.until('an inbox item for partner A', async () => {
      const page = await call(partnerA, 'notifications', 'GET', '/inbox');
      return ((page.items as Json[])[0]?.id as string | undefined) ?? undefined;
    });
    a.notification = await system.client.until('a delivery-log entry for partner A', async () => {
      const page = await call(partnerA, 'notifications', 'GET', '/notifications');
      return ((page.items as Json[])[0]?.id as string | undefined) ?? undefined;
    });
    await system.client.until('the timeline of referral A', () =>
      call(admin, 'insights', 'GET', `/referrals/${a.referral}/timeline`).then(() => true),
    );
    await call(admin, 'agreements', 'PUT', `/organizations/${a.agency}/incident-types`, {
      types: [{ code: `MH-${tag}`, category: 'mental-health-crisis', urgency: 'routine' }],
    });
    const directory = await call(admin, 'agreements', 'GET', `/hsds/organizations/${a.partner}`);
    a.service = (directory.services as Json[])[0].id as string;
    a.taxonomy = (
      (await call(admin, 'agreements', 'GET', '/hsds/taxonomies')).contents as Json[]
    )[0].id as string;
    a.taxonomyTerm = (
      (await call(admin, 'agreements', 'GET', '/hsds/taxonomy_terms')).contents as Json[]
    )[0].id as string;
    a.importJob = (
      await call(admin, 'agreements', 'POST', '/hsds/import', {
        dryRun: true,
        organizations: [directory],
      })
    ).id as string;
    a.survey = (
      await call(admin, 'agreements', 'POST', `/initiatives/${a.initiative}/surveys`, {
        title: `How did we do? ${tag}`,
      })
    ).id as string;
    // Insights knows an initiative once agreements' initiative.launched has reached it.
    await system.client.until("insights to know initiative A's targets", () =>
      call(admin, 'insights', 'GET', `/initiatives/${a.initiative}/activity-figures`).then(
        () => true,
      ),
    );
    secrets = [...Object.values(a), person.name, person.phone, `RPD-A-${tag}`, '1120 SW 5th Ave'];
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** For each path with an {id}: which of A's objects fills it, and who owns it (reads 2xx). */
  const FIXTURES: Record<string, { object: string; owner: () => Actor }> = {
    '/organizations/{id}': {
      object: 'partner',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/initiatives/{id}': {
      object: 'initiative',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/initiatives/{id}/kpi-targets': { object: 'initiative', owner: () => admin },
    '/initiatives/{id}/activity-figures': { object: 'initiative', owner: () => admin },
    '/initiatives/{id}/activities': { object: 'initiative', owner: () => admin },
    '/activities/{id}': { object: 'activity', owner: () => ({ role: 'partner', org: a.partner }) },
    '/activities/{id}/participation': {
      object: 'activity',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/activities/{id}/attendance': { object: 'activity', owner: () => admin },
    '/activities/{id}/cancellation': { object: 'activity', owner: () => admin },
    '/initiatives/{id}/review': { object: 'initiative', owner: () => admin },
    '/agreements/{id}': { object: 'agreement', owner: () => ({ role: 'partner', org: a.partner }) },
    '/agreements/{id}/signatures': { object: 'agreement', owner: () => admin },
    '/agreements/{id}/suspend': { object: 'agreement', owner: () => admin },
    '/agreements/{id}/resume': { object: 'agreement', owner: () => admin },
    '/agreements/{id}/terminate': { object: 'agreement', owner: () => admin },
    '/agreements/{id}/amendments': { object: 'agreement', owner: () => admin },
    '/funding-sources/{id}': { object: 'source', owner: () => admin },
    '/funding-sources/{id}/report': { object: 'source', owner: () => admin },
    '/budgets/{id}': { object: 'budget', owner: () => ({ role: 'partner', org: a.partner }) },
    '/budgets/{id}/ledger': {
      object: 'budget',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/budgets/{id}/allocations': { object: 'budget', owner: () => admin },
    '/referrals/{id}': { object: 'referral', owner: () => ({ role: 'dispatcher', org: a.agency }) },
    '/referrals/{id}/decisions': {
      object: 'referral',
      owner: () => ({ role: 'dispatcher', org: a.agency }),
    },
    '/referrals/{id}/timeline': {
      object: 'referral',
      owner: () => ({ role: 'dispatcher', org: a.agency }),
    },
    '/referrals/{id}/accept': {
      object: 'referral',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/referrals/{id}/decline': {
      object: 'referral',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/referrals/{id}/contact': {
      object: 'referral',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/referrals/{id}/complete': {
      object: 'referral',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/referrals/{id}/cancel': {
      object: 'referral',
      owner: () => ({ role: 'dispatcher', org: a.agency }),
    },
    '/referrals/{id}/retry-assignment': { object: 'referral', owner: () => admin },
    '/routing/partners/{id}': { object: 'partner', owner: () => admin },
    '/routing/incident-types/{id}': { object: 'agency', owner: () => admin },
    '/organizations/{id}/incident-types': {
      object: 'agency',
      owner: () => ({ role: 'dispatcher', org: a.agency }),
    },
    '/hsds/organizations/{id}': { object: 'partner', owner: () => admin },
    '/hsds/services/{id}': { object: 'service', owner: () => admin },
    '/hsds/taxonomies/{id}': { object: 'taxonomy', owner: () => admin },
    '/hsds/taxonomy_terms/{id}': { object: 'taxonomyTerm', owner: () => admin },
    '/hsds/import-jobs/{id}': { object: 'importJob', owner: () => admin },
    '/initiatives/{id}/surveys': { object: 'initiative', owner: () => admin },
    '/surveys/{id}': { object: 'survey', owner: () => ({ role: 'partner', org: a.partner }) },
    '/surveys/{id}/closure': { object: 'survey', owner: () => admin },
    '/surveys/{id}/comments': { object: 'survey', owner: () => admin },
    '/routing/budgets/{id}': { object: 'budget', owner: () => admin },
    '/routing/agreements/{id}': { object: 'agreement', owner: () => admin },
    '/subscriptions/{id}': {
      object: 'subscription',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
    '/inbox/{id}/read': { object: 'inboxItem', owner: () => ({ role: 'partner', org: a.partner }) },
    '/notifications/{id}': {
      object: 'notification',
      owner: () => ({ role: 'partner', org: a.partner }),
    },
  };

  /**
   * Bodies that pass validation, so that a write reaches the object check instead of stopping at
   * a 400 (which would prove nothing about access).
   */
  const BODIES: Record<string, unknown> = {
    'POST /referrals/{id}/decline': { reason: 'no-capacity' },
    'POST /referrals/{id}/complete': { outcome: 'successful' },
    'POST /referrals/{id}/cancel': { reason: 'No longer needed' },
    'POST /referrals/{id}/contact': {},
    'PUT /organizations/{id}/incident-types': {
      types: [{ code: 'X-1', category: 'youth', urgency: 'routine' }],
    },
  };

  /** Every endpoint of the committed OpenAPI documents: a new endpoint is in the matrix at once. */
  const endpoints = documentedOperations();
  const isWrite = ({ method }: Operation) => method !== 'GET';
  const key = operationKey;
  const checked = endpoints.filter((endpoint) => !EXCLUDED[key(endpoint)]);
  const withObject = checked.filter(({ path }) => path.includes('{'));
  const collections = checked.filter(({ path }) => !path.includes('{'));

  async function send(
    as: Actor,
    endpoint: Operation,
  ): Promise<{ status: number; text: string; url: string }> {
    const fixture = FIXTURES[endpoint.path];
    const objectId = fixture ? a[fixture.object] : '';
    const url = endpoint.path.replace('{id}', objectId);
    const body = BODIES[key(endpoint)] ?? (isWrite(endpoint) ? {} : undefined);
    const token = await devToken(as.role as Role, as.org);
    const response = await fetch(`${system.processes[endpoint.service].url}${url}`, {
      method: endpoint.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), url: objectId };
  }

  /** A's secrets in an answer, leaving out the id the caller itself put in the URL. */
  const leaked = (text: string, urlId: string) =>
    secrets.filter((secret) => secret !== urlId && text.includes(secret));

  it('every endpoint with a path parameter has a fixture (a new one fails until given one)', () => {
    expect(withObject.filter(({ path }) => !FIXTURES[path]).map(key)).toEqual([]);
    expect(endpoints.length).toBeGreaterThan(45);
  });

  const strangers = (): Actor[] => [
    { role: 'dispatcher', org: agencyB },
    { role: 'partner', org: partnerB },
  ];

  it("a dispatcher or partner of organisation B gets 403 or 404 for every one of A's objects, and none of A's data", async () => {
    const wrong: string[] = [];
    for (const endpoint of withObject) {
      for (const stranger of strangers()) {
        const { status, text, url } = await send(stranger, endpoint);
        const leaks = leaked(text, url);
        if (![403, 404].includes(status) || leaks.length > 0) {
          wrong.push(
            `${stranger.role} B ${key(endpoint)} → ${status} ${leaks.join(',')} ${text.slice(0, 160)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a dispatcher or partner of organisation B never sees A's data in a list or a create answer", async () => {
    const wrong: string[] = [];
    for (const endpoint of collections) {
      for (const stranger of strangers()) {
        const { status, text } = await send(stranger, endpoint);
        const leaks = leaked(text, '');
        if (leaks.length > 0 || status >= 500) {
          wrong.push(`${stranger.role} B ${key(endpoint)} → ${status} ${leaks.join(',')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an auditor is refused every write endpoint with 403', async () => {
    const wrong: string[] = [];
    for (const endpoint of checked.filter(isWrite)) {
      const { status } = await send({ role: 'auditor' }, endpoint);
      if (status !== 403) wrong.push(`${key(endpoint)} → ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("organisation A's owner reads every one of its objects with 2xx (the matrix is not passing by everything failing)", async () => {
    const wrong: string[] = [];
    for (const endpoint of withObject.filter((endpoint) => !isWrite(endpoint))) {
      const { status, text } = await send(FIXTURES[endpoint.path].owner(), endpoint);
      if (status < 200 || status >= 300)
        wrong.push(`${key(endpoint)} → ${status} ${text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });
});
