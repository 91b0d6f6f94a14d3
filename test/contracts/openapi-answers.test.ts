import { randomUUID } from 'node:crypto';
import { Role, ROLES } from '@concord/auth';
import { ReferralEvents } from '@concord/contracts';
import { Actor, ConcordCaller, Json, Programme, setUpProgramme, SERVICES } from '@concord/testing';
import { ConcordSystem } from '../support/concord-system';
import { Answer, DocumentedAnswers, DocumentedOperation } from '../support/documented-answers';
import { DOWNTOWN } from '../support/fixtures';
import { devToken } from '../support/tokens';
import { aCrisisIncident } from '../../apps/referrals/src/intake/eido/eido-test-documents';

type Service = (typeof SERVICES)[number] | 'console';

const admin: Actor = { role: 'admin' };
const RATE_LIMIT = 300;
const auditor: Actor = { role: 'auditor' };

/**
 * The OpenAPI documents are the contract a client is generated from: this runs the six services
 * on the real broker and database, calls every documented operation, on its success path and on
 * its error paths (no token, a wrong role, a malformed id, a missing object, a bad body, a body
 * that is not JSON, an illegal step, too many requests), and checks every answer, the programme's
 * set-up included, against the document's schema for that status. An answer whose status the
 * document does not list, or whose body breaks the schema, is a failure.
 */
describe('every answer of every service is the one its OpenAPI document describes', () => {
  jest.setTimeout(900_000);

  let system: ConcordSystem;
  const documents = DocumentedAnswers.committed([...SERVICES, 'console']);
  const tag = randomUUID().slice(0, 6);
  let programme: Programme;
  let agency: Actor;
  let partner: Actor;
  let stranger: Actor;

  const urlOf = (service: Service): string =>
    service === 'console' ? system.consoleUrl : system.processes[service].url;

  /** One call, checked against the document; `as: null` sends no token. */
  async function send(
    as: Actor | null,
    service: Service,
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer & { json: () => Json }> {
    const headers: Record<string, string> = { ...options.headers };
    if (as) headers.authorization = `Bearer ${await devToken(as.role, as.org)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${urlOf(service)}${path}`, {
      method,
      headers,
      redirect: 'manual',
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const answer = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
    documents.check(service, method, path, answer);
    return { ...answer, json: () => JSON.parse(answer.text) as Json };
  }

  /** The programme is set up through the same check: its answers count too. */
  const api: ConcordCaller = {
    async call<T = Json>(
      as: Actor,
      service: keyof ConcordSystem['processes'],
      method: string,
      path: string,
      body?: unknown,
    ): Promise<T> {
      const answer = await send(as, service, method, path, { body });
      if (answer.status >= 300) {
        throw new Error(`${method} ${service}${path} answered ${answer.status}: ${answer.text}`);
      }
      return (answer.text ? JSON.parse(answer.text) : {}) as T;
    },
  };

  /** Polls `probe` (checked calls) until it gives a value. */
  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    return system.client.until(what, probe, 120_000);
  }

  beforeAll(async () => {
    // A rate limit the 429 case reaches in a few hundred calls, above what the others make.
    system = await ConcordSystem.start({
      console: true,
      env: { agreements: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } },
    });
    programme = await setUpProgramme(api, {
      agency: `Contract Police ${tag}`,
      initiative: {
        name: `Contract initiative ${tag}`,
        categories: ['mental-health-crisis', 'homelessness'],
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      },
      sources: {
        grant: {
          name: `Contract grant ${tag}`,
          funder: 'US DOJ COPS Office',
          kind: 'federal-grant',
          awardCents: 10_000_000,
          periodFrom: '2026-01-01',
          periodTo: '2028-12-31',
        },
      },
      partners: [
        {
          name: `Contract Crisis Team ${tag}`,
          services: [
            {
              name: 'Crisis team',
              category: 'mental-health-crisis',
              area: DOWNTOWN,
              capacity: 20,
              hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
              eligibility: {},
            },
          ],
          agreement: {
            categories: ['mental-health-crisis'],
            sharedFields: ['person.name', 'person.phone'],
            acceptWithinMinutes: { immediate: 600, 'same-day': 600, routine: 6000 },
            effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
            effectiveTo: '2028-12-31T00:00:00Z',
          },
          budget: {
            costPerCaseCents: 30_000,
            allocations: [{ source: 'grant', amountCents: 600_000 }],
          },
        },
        // A second partner, whose agreement goes through suspension, resumption and its end.
        { name: `Contract Shelter ${tag}`, type: 'housing', services: [] },
      ],
    });
    agency = { role: 'dispatcher', org: programme.agencyId };
    partner = { role: 'partner', org: programme.partners[0].id };
    stranger = { role: 'partner', org: randomUUID() };
  });

  afterAll(async () => {
    await system?.stop();
  });

  const referralBody = (category = 'mental-health-crisis') => ({
    incidentReference: `RPD-${tag}-${randomUUID().slice(0, 8)}`,
    category,
    urgency: 'routine',
    location: { latitude: 45.519, longitude: -122.679, address: '1120 SW 5th Ave, Riverton' },
    person: { name: 'Sam Okafor', age: 29, phone: '+1 503 555 0142', language: 'en' },
    contactPreference: 'phone',
    consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer L. Park #2271' },
    narrative: 'Caller reports a man in distress on the plaza.',
  });

  async function offeredReferral(): Promise<string> {
    const id = (await api.call(agency, 'referrals', 'POST', '/referrals', referralBody()))
      .id as string;
    await until(`referral ${id} offered`, async () => {
      const view = await api.call(agency, 'referrals', 'GET', `/referrals/${id}`);
      return view.status === 'offered' ? true : undefined;
    });
    return id;
  }

  /** Ids of the objects the paths' {id} stand for, filled by the success paths. */
  const objects: Record<string, string> = {};

  it('answers every success path as documented', async () => {
    const mark = 0; // the programme set-up's answers count too
    const partnerId = programme.partners[0].id;
    const agreementId = programme.partners[0].agreementId as string;
    const budgetId = programme.partners[0].budgetId as string;
    const sourceId = programme.sources.grant;
    Object.assign(objects, {
      agency: programme.agencyId,
      partner: partnerId,
      agreement: agreementId,
      budget: budgetId,
      source: sourceId,
    });

    // agreements
    await api.call(admin, 'agreements', 'GET', '/organizations?type=mental-health-provider');
    const organization = await api.call(admin, 'agreements', 'GET', `/organizations/${partnerId}`);
    await api.call(admin, 'agreements', 'PUT', `/organizations/${partnerId}`, {
      name: organization.name,
      type: organization.type,
      services: organization.services,
    });
    await api.call(partner, 'agreements', 'GET', '/initiatives');
    await api.call(partner, 'agreements', 'GET', `/initiatives/${programme.initiativeId}`);
    await api.call(
      admin,
      'agreements',
      'GET',
      `/agreements?initiativeId=${programme.initiativeId}`,
    );
    await api.call(partner, 'agreements', 'GET', `/agreements/${agreementId}`);
    await api.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/amendments`, {
      reason: 'Longer to accept routine cases',
      acceptWithinMinutes: { immediate: 600, 'same-day': 600, routine: 7000 },
    });
    // The second partner's agreement goes through suspension, resumption and its end.
    const ending = await api.call(admin, 'agreements', 'POST', '/agreements', {
      initiativeId: programme.initiativeId,
      partnerId: programme.partners[1].id,
      categories: ['homelessness'],
      sharedFields: ['person.name'],
      acceptWithinMinutes: { immediate: 60, 'same-day': 600, routine: 6000 },
      effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
    });
    objects.endingAgreement = ending.id as string;
    for (const party of ['agency', 'partner']) {
      await api.call(admin, 'agreements', 'POST', `/agreements/${ending.id}/signatures`, {
        party,
        name: 'Signatory',
        title: 'Director',
      });
    }
    await api.call(admin, 'agreements', 'POST', `/agreements/${ending.id}/suspend`, {
      reason: 'Review',
    });
    await api.call(admin, 'agreements', 'POST', `/agreements/${ending.id}/resume`);
    await api.call(admin, 'agreements', 'POST', `/agreements/${ending.id}/terminate`, {
      reason: 'Programme ended',
    });
    // the agency's incident-type mapping, and the directory as HSDS 3.0, out and in
    const incidentTypes = `/organizations/${programme.agencyId}/incident-types`;
    await api.call(admin, 'agreements', 'PUT', incidentTypes, {
      types: [{ code: 'MH-CRISIS', category: 'mental-health-crisis', urgency: 'routine' }],
    });
    await api.call(agency, 'agreements', 'GET', incidentTypes);
    await api.call(admin, 'agreements', 'GET', '/hsds');
    const directory = await api.call(admin, 'agreements', 'GET', '/hsds/organizations');
    await api.call(auditor, 'agreements', 'GET', `/hsds/organizations/${partnerId}`);
    const services = await api.call(admin, 'agreements', 'GET', '/hsds/services?full=true');
    objects.hsdsService = (services.contents as Json[])[0].id as string;
    await api.call(admin, 'agreements', 'GET', `/hsds/services/${objects.hsdsService}`);
    const taxonomies = await api.call(admin, 'agreements', 'GET', '/hsds/taxonomies');
    objects.taxonomy = (taxonomies.contents as Json[])[0].id as string;
    await api.call(admin, 'agreements', 'GET', `/hsds/taxonomies/${objects.taxonomy}`);
    const terms = await api.call(admin, 'agreements', 'GET', '/hsds/taxonomy_terms?per_page=3');
    objects.taxonomyTerm = (terms.contents as Json[])[0].id as string;
    await api.call(admin, 'agreements', 'GET', `/hsds/taxonomy_terms/${objects.taxonomyTerm}`);
    const whole = await api.call(
      admin,
      'agreements',
      'GET',
      `/hsds/organizations?full_service=true&per_page=${directory.total_items as number}`,
    );
    const importJob = await api.call(admin, 'agreements', 'POST', '/hsds/import', {
      dryRun: true,
      organizations: whole.contents,
    });
    objects.importJob = importJob.id as string;
    await until('the dry run to finish', async () => {
      const job = await api.call(admin, 'agreements', 'GET', `/hsds/import-jobs/${importJob.id}`);
      return job.status === 'succeeded' ? true : undefined;
    });
    await api.call(admin, 'agreements', 'GET', '/hsds/import-jobs');

    // funding
    await api.call(admin, 'funding', 'GET', '/funding-sources');
    await api.call(admin, 'funding', 'GET', `/funding-sources/${sourceId}`);
    await api.call(admin, 'funding', 'GET', `/funding-sources/${sourceId}/report`);
    await send(admin, 'funding', 'GET', `/funding-sources/${sourceId}/report?format=csv`);
    await api.call(admin, 'funding', 'POST', `/budgets/${budgetId}/allocations`, {
      sourceId,
      amountCents: 30_000,
    });
    await api.call(partner, 'funding', 'GET', '/budgets');
    await api.call(partner, 'funding', 'GET', `/budgets/${budgetId}`);
    await api.call(partner, 'funding', 'GET', `/budgets/${budgetId}/ledger`);

    // notifications: the partner's inbox subscription, made before the referrals
    const subscription = await api.call(partner, 'notifications', 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.assigned.type],
      channel: 'inbox',
    });
    objects.subscription = subscription.id as string;
    await api.call(partner, 'notifications', 'GET', '/subscriptions');
    await api.call(partner, 'notifications', 'GET', `/subscriptions/${subscription.id}`);

    // referrals: a CAD incident as EIDO, typed by the agency's mapping
    await until("intake to have the agency's incident types", async () => {
      const mapping = await api.call(
        admin,
        'referrals',
        'GET',
        `/routing/incident-types/${programme.agencyId}`,
      );
      return mapping.revision === 1 ? true : undefined;
    });
    await api.call(agency, 'referrals', 'POST', '/referrals/eido', {
      ...aCrisisIncident(),
      concord: {
        consent: { obtained: true, method: 'verbal', obtainedBy: 'Call taker 7' },
        contactPreference: 'phone',
      },
    });

    // referrals: one offered, accepted, worked and completed
    const referral = await offeredReferral();
    objects.referral = referral;
    await api.call(agency, 'referrals', 'GET', '/referrals');
    await api.call(partner, 'referrals', 'GET', '/referrals?status=offered');
    await api.call(agency, 'referrals', 'GET', '/referrals/counts');
    await api.call(partner, 'referrals', 'GET', `/referrals/${referral}`);
    await api.call(agency, 'referrals', 'GET', `/referrals/${referral}/decisions`);
    await api.call(admin, 'referrals', 'GET', `/referrals/${referral}/decisions`);
    await api.call(partner, 'referrals', 'GET', `/referrals/${referral}/decisions`);
    await api.call(admin, 'referrals', 'GET', `/routing/partners/${partnerId}`);
    await api.call(admin, 'referrals', 'GET', `/routing/budgets/${budgetId}`);
    await api.call(admin, 'referrals', 'GET', `/routing/agreements/${agreementId}`);
    await api.call(partner, 'referrals', 'POST', `/referrals/${referral}/accept`);
    await api.call(partner, 'referrals', 'POST', `/referrals/${referral}/contact`, {});
    await api.call(partner, 'referrals', 'POST', `/referrals/${referral}/complete`, {
      outcome: 'successful',
    });
    // one declined, one cancelled by dispatch
    const declined = await offeredReferral();
    await api.call(partner, 'referrals', 'POST', `/referrals/${declined}/decline`, {
      reason: 'no-capacity',
    });
    const cancelled = await offeredReferral();
    await api.call(agency, 'referrals', 'POST', `/referrals/${cancelled}/cancel`, {
      reason: 'No longer needed',
    });
    // one no partner can take, retried by an administrator
    const stray = (await api.call(agency, 'referrals', 'POST', '/referrals', referralBody('youth')))
      .id as string;
    await until('the youth referral to be unassignable', async () => {
      const view = await api.call(admin, 'referrals', 'GET', `/referrals/${stray}`);
      return view.status === 'unassignable' ? true : undefined;
    });
    await api.call(admin, 'referrals', 'POST', `/referrals/${stray}/retry-assignment`);

    // notifications that the referrals caused
    const inboxItem = await until('an inbox item', async () => {
      const page = await api.call(partner, 'notifications', 'GET', '/inbox?unread=true');
      return (page.items as Json[])[0]?.id as string | undefined;
    });
    await api.call(partner, 'notifications', 'POST', `/inbox/${inboxItem}/read`);
    objects.inboxItem = inboxItem;
    const notification = await until('a delivery-log entry', async () => {
      const page = await api.call(partner, 'notifications', 'GET', '/notifications');
      return (page.items as Json[])[0]?.id as string | undefined;
    });
    objects.notification = notification;
    await api.call(partner, 'notifications', 'GET', `/notifications/${notification}`);

    // insights
    await until('the timeline of the completed referral', async () => {
      const timeline = await api.call(admin, 'insights', 'GET', `/referrals/${referral}/timeline`);
      return (timeline.events as Json[]).length > 0 ? true : undefined;
    });
    const initiative = `initiativeId=${programme.initiativeId}`;
    for (const path of [
      '/kpis',
      '/kpis/by-partner',
      '/kpis/by-category',
      '/kpis/weekly',
      '/kpis/by-area',
    ]) {
      await api.call(admin, 'insights', 'GET', `${path}?${initiative}`);
    }
    const review = `/initiatives/${programme.initiativeId}/review`;
    await api.call(admin, 'insights', 'GET', review);
    for (const format of ['csv', 'html', 'pdf']) {
      await send(auditor, 'insights', 'GET', `${review}?format=${format}`);
    }
    await api.call(admin, 'insights', 'GET', '/referrals/stuck');

    // every service: its health, its audit trail and the trail's export
    for (const service of SERVICES) {
      await send(null, service, 'GET', '/health');
      await api.call(auditor, service, 'GET', '/audit-records?limit=5');
      await send(auditor, service, 'GET', '/audit-records/export');
    }

    // the subscription goes last: nothing needs it any more
    await send(partner, 'notifications', 'DELETE', `/subscriptions/${subscription.id}`);

    expect(documents.problemsSince(mark)).toEqual([]);
  });

  /** Fills a template's {id} with the object the success paths made for it. */
  const PATH_OBJECTS: Record<string, string> = {
    '/organizations/{id}': 'partner',
    '/initiatives/{id}': 'initiative',
    '/agreements/{id}': 'agreement',
    '/funding-sources/{id}': 'source',
    '/budgets/{id}': 'budget',
    '/routing/partners/{id}': 'partner',
    '/routing/budgets/{id}': 'budget',
    '/routing/agreements/{id}': 'agreement',
    '/routing/incident-types/{id}': 'agency',
    '/hsds/organizations/{id}': 'partner',
    '/hsds/services/{id}': 'hsdsService',
    '/hsds/taxonomies/{id}': 'taxonomy',
    '/hsds/taxonomy_terms/{id}': 'taxonomyTerm',
    '/hsds/import-jobs/{id}': 'importJob',
    '/subscriptions/{id}': 'subscription',
    '/inbox/{id}': 'inboxItem',
    '/notifications/{id}': 'notification',
    '/referrals/{id}': 'referral',
  };
  const objectFor = (template: string): string => {
    const key = Object.keys(PATH_OBJECTS).find((prefix) => template.startsWith(prefix));
    return key ? (objects[PATH_OBJECTS[key]] ?? programme.initiativeId) : '';
  };
  const withId = (template: string, id: string) => template.replace('{id}', id);
  const bearerOperations = () =>
    documents.operations.filter(({ service, isPublic }) => service !== 'console' && !isPublic);

  it('answers every error path the platform adds as documented: no token, a wrong role, a malformed id, a missing object, a bad body, a body that is not JSON', async () => {
    const mark = documents.problems.length;
    objects.initiative = programme.initiativeId;
    for (const operation of bearerOperations()) {
      const { service, method, path } = operation;
      const service_ = service as Service;
      const real = withId(path, objectFor(path));
      const body = operation.hasBody ? {} : undefined;
      await send(null, service_, method, real, { body });
      const refused = ROLES.find((role) => operation.roles && !operation.roles.includes(role));
      if (refused) {
        const org = ['dispatcher', 'partner'].includes(refused) ? randomUUID() : undefined;
        await send({ role: refused as Role, org }, service_, method, real, { body });
      }
      if (path.includes('{id}')) {
        const allowed = (operation.roles?.[0] ?? 'admin') as Role;
        const as: Actor = { role: allowed, org: allowed === 'partner' ? partner.org : agency.org };
        await send(as, service_, method, withId(path, 'not-a-uuid'), { body });
        await send(as, service_, method, withId(path, randomUUID()), {
          body: operation.hasBody ? {} : undefined,
        });
      }
      if (operation.hasBody) {
        const allowed = (operation.roles?.[0] ?? 'admin') as Role;
        const as: Actor = { role: allowed, org: allowed === 'partner' ? partner.org : agency.org };
        await send(as, service_, method, real, { body: { unexpected: true } });
        await send(as, service_, method, real, {
          rawBody: 'name=x',
          headers: { 'content-type': 'text/plain' },
        });
      }
    }
    expect(documents.problemsSince(mark)).toEqual([]);
  });

  it('answers the domain refusals as documented: an illegal step, a conflict, an unprocessable request, another organisation', async () => {
    const mark = documents.problems.length;
    const referral = objects.referral;
    const agreementId = programme.partners[0].agreementId as string;
    // illegal steps: the completed referral cannot be accepted, declined or cancelled again
    await send(partner, 'referrals', 'POST', `/referrals/${referral}/accept`);
    await send(partner, 'referrals', 'POST', `/referrals/${referral}/decline`, {
      body: { reason: 'no-capacity' },
    });
    await send(agency, 'referrals', 'POST', `/referrals/${referral}/cancel`, {
      body: { reason: 'Too late' },
    });
    await send(admin, 'referrals', 'POST', `/referrals/${referral}/retry-assignment`);
    // an agreement in force cannot be resumed or signed again; a terminated one not amended
    await send(admin, 'agreements', 'POST', `/agreements/${agreementId}/resume`);
    await send(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
      body: { party: 'agency', name: 'Signatory', title: 'Director' },
    });
    await send(admin, 'agreements', 'POST', `/agreements/${objects.endingAgreement}/amendments`, {
      body: { reason: 'Too late' },
    });
    // a budget that exists already; more than a source has left
    await send(admin, 'funding', 'POST', '/budgets', {
      body: {
        initiativeId: programme.initiativeId,
        partnerId: programme.partners[0].id,
        costPerCaseCents: 30_000,
        allocations: [{ sourceId: objects.source, amountCents: 1 }],
      },
    });
    await send(admin, 'funding', 'POST', `/budgets/${objects.budget}/allocations`, {
      body: { sourceId: objects.source, amountCents: 1_000_000_000 },
    });
    // an idempotency key used again for another referral
    const key = { 'idempotency-key': `contract-${tag}` };
    await send(agency, 'referrals', 'POST', '/referrals', { body: referralBody(), headers: key });
    await send(agency, 'referrals', 'POST', '/referrals', { body: referralBody(), headers: key });
    // another organisation's objects
    await send(stranger, 'referrals', 'GET', `/referrals/${referral}`);
    await send(stranger, 'funding', 'GET', `/budgets/${objects.budget}`);
    await send(stranger, 'notifications', 'GET', `/notifications/${objects.notification}`);
    expect(documents.problemsSince(mark)).toEqual([]);
  });

  it("answers the console's sign-in, pass-through and live updates as documented", async () => {
    const mark = documents.problems.length;
    const origin = { origin: system.consoleUrl };
    await send(null, 'console', 'GET', '/health');
    await send(null, 'console', 'GET', '/auth/session');
    await send(null, 'console', 'GET', '/auth/sign-in');
    await send(null, 'console', 'GET', '/auth/callback?error=access_denied');
    await send(null, 'console', 'GET', '/auth/development/organizations');
    await send(null, 'console', 'POST', '/auth/development', {
      body: { role: 'wizard' },
      headers: origin,
    });
    await send(null, 'console', 'POST', '/auth/development', {
      body: { role: 'admin' },
      headers: { origin: 'https://elsewhere.example' },
    });
    await send(null, 'console', 'GET', '/api/referrals/referrals');
    await send(null, 'console', 'GET', '/events');

    /** A development sign-in; the session's cookie and the headers a state-changing call needs. */
    const signInAs = async (as: Actor) => {
      const signIn = await fetch(`${system.consoleUrl}/auth/development`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...origin },
        body: JSON.stringify({ role: as.role, organizationId: as.org }),
      });
      documents.check('console', 'POST', '/auth/development', {
        status: signIn.status,
        contentType: signIn.headers.get('content-type') ?? '',
        text: await signIn.text(),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
      const session = (
        await send(null, 'console', 'GET', '/auth/session', { headers: { cookie } })
      ).json();
      return {
        cookie,
        signedIn: { cookie, ...origin, 'x-csrf-token': session.csrfToken as string },
      };
    };
    const { cookie, signedIn } = await signInAs(partner);
    const administrator = await signInAs(admin);

    // the pass-through's success paths, one per method
    const offered = await offeredReferral();
    await send(null, 'console', 'POST', `/api/referrals/referrals/${offered}/accept`, {
      headers: signedIn,
    });
    const organization = await api.call(
      admin,
      'agreements',
      'GET',
      `/organizations/${objects.partner}`,
    );
    await send(null, 'console', 'PUT', `/api/agreements/organizations/${objects.partner}`, {
      body: { name: organization.name, type: organization.type, services: organization.services },
      headers: administrator.signedIn,
    });
    const subscription = await api.call(partner, 'notifications', 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.cancelled.type],
      channel: 'inbox',
    });
    await send(null, 'console', 'DELETE', `/api/notifications/subscriptions/${subscription.id}`, {
      headers: signedIn,
    });
    // the console's own audit trail, read with a token as on every service
    await send(auditor, 'console', 'GET', '/audit-records?limit=5');
    await send(auditor, 'console', 'GET', '/audit-records/export');

    await send(null, 'console', 'GET', '/api/referrals/referrals', { headers: { cookie } });
    await send(null, 'console', 'GET', '/api/nowhere/referrals', { headers: { cookie } });
    await send(null, 'console', 'POST', `/api/referrals/referrals/${objects.referral}/accept`, {
      headers: { cookie },
    });
    await send(null, 'console', 'POST', `/api/referrals/referrals/${objects.referral}/accept`, {
      headers: signedIn,
    });
    await send(null, 'console', 'PUT', `/api/agreements/organizations/${objects.partner}`, {
      body: {},
      headers: signedIn,
    });
    await send(null, 'console', 'DELETE', `/api/notifications/subscriptions/${randomUUID()}`, {
      headers: signedIn,
    });
    const controller = new AbortController();
    const stream = await fetch(`${system.consoleUrl}/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    documents.check('console', 'GET', '/events', {
      status: stream.status,
      contentType: stream.headers.get('content-type') ?? '',
      text: '',
    });
    controller.abort();
    await send(null, 'console', 'POST', '/auth/sign-out', { headers: { cookie } });
    await send(null, 'console', 'POST', '/auth/sign-out', { headers: signedIn });
    expect(documents.problemsSince(mark)).toEqual([]);
  });

  // Last but one: afterwards, the administrator's calls to agreements wait out the minute.
  it('answers too many requests with the documented 429', async () => {
    const mark = documents.problems.length;
    const flooder = { role: 'admin' as Role };
    let status = 0;
    for (let sent = 0; sent <= RATE_LIMIT && status !== 429; sent += 1) {
      status = (await send(flooder, 'agreements', 'GET', `/initiatives/${programme.initiativeId}`))
        .status;
    }
    expect(status).toBe(429);
    expect(documents.problemsSince(mark)).toEqual([]);
  });

  /** Success paths this test cannot take, and where they are taken instead. */
  const SUCCESS_ELSEWHERE: Record<string, string> = {
    'console GET /auth/sign-in':
      'redirects to an OpenID provider, which test/console/console-sign-in.test.ts runs; here the sign-in is not configured and answers its documented 404',
  };

  it('has checked a success answer of every documented operation, and each kind of error', () => {
    const succeeded = ({ service, method, path }: DocumentedOperation) =>
      [...documents.checked].some(
        (entry) =>
          entry.startsWith(`${service} ${method} ${path} `) &&
          /^[23]/.test(entry.split(' ').pop() ?? ''),
      );
    expect(
      documents.operations
        .filter((operation) => !succeeded(operation))
        .filter(({ service, method, path }) => !SUCCESS_ELSEWHERE[`${service} ${method} ${path}`])
        .map(({ service, method, path }) => `${service} ${method} ${path}`),
    ).toEqual([]);
    const statuses = new Set([...documents.checked].map((entry) => entry.split(' ').pop()));
    for (const status of ['400', '401', '403', '404', '409', '415', '422', '429']) {
      expect({ status, checked: statuses.has(status) }).toEqual({ status, checked: true });
    }
  });
});
