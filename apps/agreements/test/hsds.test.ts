import { randomUUID } from 'node:crypto';
import { OrganizationEvents } from '@concord/contracts';
import { eventually } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { CATEGORY_TAXONOMY_ID, categoryTerm } from '../src/hsds/concord.taxonomy';
import { hsdsOrganizationOf } from '../src/hsds/hsds-export.mapper';
import {
  CONCORD_ORGANIZATIONS,
  LAKESHORE_211_IMPORT_OPTIONS,
  LAKESHORE_211_ORGANIZATION,
  LAKESHORE_211_REJECTED_SERVICE_IDS,
  squareAround,
} from '../src/hsds/hsds-test-fixtures';
import { HsdsKind, hsdsProblemsOf } from '../src/hsds/hsds.validator';
import { OrganizationView } from '../src/organizations/organization.view';
import {
  Api,
  PublishedEvents,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';

type Json = Record<string, unknown>;
type Page = Json & { contents: Json[]; total_items: number };
type Job = Json & {
  id: string;
  status: string;
  done: number;
  total: number;
  counts: { organizations: Record<string, number>; servicesRejected: number };
  changes: { id: string; change: string }[];
  rejected: { record: string; id?: string; problems: { field: string; message: string }[] }[];
};

/** Every organisation of the directory, whole, page after page. */
async function exportAll(api: Api, perPage = 2): Promise<Json[]> {
  const organizations: Json[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.expect<Page & { last_page: boolean }>(
      200,
      'GET',
      `/hsds/organizations?full_service=true&per_page=${perPage}&page=${page}`,
    );
    organizations.push(...answer.contents);
    if (answer.last_page) return organizations;
  }
}

async function importAndWait(api: Api, body: unknown, timeoutMs = 60_000): Promise<Job> {
  const started = await api.expect<Job>(202, 'POST', '/hsds/import', body);
  let job = started;
  await eventually(
    `import job ${started.id} to finish`,
    async () => {
      job = await api.expect<Job>(200, 'GET', `/hsds/import-jobs/${started.id}`);
      return job.status !== 'running';
    },
    timeoutMs,
  );
  return job;
}

const registrationOf = ({ name, type, services }: OrganizationView) => ({
  name,
  type,
  services: services.map(({ id: _id, ...service }) => service),
});

/**
 * The partner directory in and out as Open Referral HSDS 3.0: a source system exports, an empty
 * one imports, and exports the same documents.
 */
describe('the directory as HSDS 3.0', () => {
  let source: ServiceProcess;
  let target: ServiceProcess;
  let events: PublishedEvents;
  let sourceAdmin: Api;
  let targetAdmin: Api;

  beforeAll(async () => {
    [source, target, events] = await Promise.all([
      startAgreementsService(),
      startAgreementsService(),
      PublishedEvents.start(),
    ]);
    sourceAdmin = new Api(source, await devToken('admin'));
    targetAdmin = new Api(target, await devToken('admin'));
    for (const organization of CONCORD_ORGANIZATIONS) {
      await sourceAdmin.expect(201, 'POST', '/organizations', registrationOf(organization));
    }
  });

  afterAll(async () => {
    await events?.stop();
    await stopAgreementsService(...[source, target].filter(Boolean));
  });

  it.each<[string, HsdsKind, HsdsKind | undefined]>([
    ['/hsds', 'root', undefined],
    ['/hsds/organizations', 'page', 'organization'],
    ['/hsds/organizations?full_service=true', 'page', 'organization'],
    ['/hsds/services', 'page', 'service'],
    ['/hsds/services?full=true', 'page', 'service'],
    ['/hsds/taxonomies', 'page', 'taxonomy'],
    ['/hsds/taxonomy_terms', 'page', 'taxonomy_term'],
  ])('GET %s is valid HSDS 3.0', async (path, kind, contentsKind) => {
    const answer = await sourceAdmin.expect<Json>(200, 'GET', path);
    expect(hsdsProblemsOf(kind, answer, '', contentsKind)).toEqual([]);
  });

  it('one service and one organisation are valid HSDS 3.0, and the police agency is not listed', async () => {
    const services = await sourceAdmin.expect<Page>(200, 'GET', '/hsds/services?per_page=100');
    const [first] = services.contents;
    const service = await sourceAdmin.expect<Json>(200, 'GET', `/hsds/services/${first.id}`);
    const organization = await sourceAdmin.expect<Json>(
      200,
      'GET',
      `/hsds/organizations/${(service.organization as Json).id}`,
    );

    expect(hsdsProblemsOf('service', service)).toEqual([]);
    expect(hsdsProblemsOf('organization', organization)).toEqual([]);
    expect(service).toMatchObject({
      service_areas: [expect.objectContaining({ extent_type: 'geojson' })],
    });
    const listed = await sourceAdmin.expect<Page>(200, 'GET', '/hsds/organizations?per_page=100');
    expect(listed.contents.map(({ name }) => name)).not.toContain('Maple Grove Police Department');
    expect(listed.total_items).toBe(CONCORD_ORGANIZATIONS.length - 1);
  });

  it('pages carry the HSDS paging envelope', async () => {
    const total = (await sourceAdmin.expect<Page>(200, 'GET', '/hsds/services')).total_items;
    const last = await sourceAdmin.expect<Page>(
      200,
      'GET',
      `/hsds/services?per_page=1&page=${total}`,
    );
    expect(last).toMatchObject({
      total_items: total,
      total_pages: total,
      page_number: total,
      size: 1,
      first_page: total === 1,
      last_page: true,
      empty: false,
    });
  });

  it("a category's taxonomy term selects that category's services", async () => {
    const term = categoryTerm('substance-use');
    const page = await sourceAdmin.expect<Page>(
      200,
      'GET',
      `/hsds/services?full=true&taxonomy_term_id=${term.id}&taxonomy_id=${CATEGORY_TAXONOMY_ID}`,
    );
    expect(page.contents.map(({ name }) => name)).toEqual(['Recovery drop-in']);
  });

  it('export, import into an empty system, export again: the same documents, published as organisations', async () => {
    const exported = await exportAll(sourceAdmin);

    const job = await importAndWait(targetAdmin, { organizations: exported });

    expect(job).toMatchObject({ status: 'succeeded', done: job.total, rejected: [] });
    expect(job.counts.organizations).toMatchObject({ create: exported.length });
    expect(await exportAll(targetAdmin)).toEqual(exported);
    for (const { id } of exported) {
      await events.waitFor(id as string, OrganizationEvents.registered.type, 2);
    }
  });

  it('importing the same dataset again changes nothing and publishes nothing', async () => {
    const exported = await exportAll(sourceAdmin);
    await events.caughtUp();
    const before = exported.map(({ id }) => events.of(id as string).length);

    const job = await importAndWait(targetAdmin, { organizations: exported });

    expect(job.counts.organizations).toMatchObject({
      create: 0,
      update: 0,
      unchanged: exported.length,
    });
    await events.caughtUp();
    expect(exported.map(({ id }) => events.of(id as string).length)).toEqual(before);
  });

  it('a dry run reports what would change and changes nothing', async () => {
    const [first, ...rest] = await exportAll(targetAdmin);
    const renamed = { ...first, name: `${first.name as string} (renamed)` };
    const newcomer: Json = { ...rest[0], id: randomUUID(), services: [] };

    const job = await importAndWait(targetAdmin, {
      dryRun: true,
      organizations: [renamed, newcomer],
    });

    expect(job.changes).toEqual([
      { id: first.id, name: renamed.name, change: 'update' },
      { id: newcomer.id, name: newcomer.name, change: 'create' },
    ]);
    const after = await targetAdmin.expect<Json>(200, 'GET', `/hsds/organizations/${first.id}`);
    expect(after.name).toBe(first.name);
    await targetAdmin.expect(404, 'GET', `/hsds/organizations/${newcomer.id}`);
  });

  it("a 211's records Concord cannot take are reported field by field; the rest are imported", async () => {
    const job = await importAndWait(targetAdmin, {
      options: LAKESHORE_211_IMPORT_OPTIONS,
      organizations: [LAKESHORE_211_ORGANIZATION],
    });

    expect(job.status).toBe('succeeded');
    expect(job.rejected.map(({ id }) => id).sort()).toEqual(
      [...LAKESHORE_211_REJECTED_SERVICE_IDS].sort(),
    );
    for (const rejection of job.rejected) {
      expect(rejection.problems).not.toEqual([]);
      for (const problem of rejection.problems) expect(problem.field).toMatch(/\S/);
    }
    const imported = await targetAdmin.expect<Json>(
      200,
      'GET',
      `/hsds/organizations/${LAKESHORE_211_ORGANIZATION.id}`,
    );
    expect((imported.services as Json[]).length).toBe(3);
  });

  it('a service with no service area and one of an unknown category are refused with their reasons', async () => {
    const [organization] = await exportAll(sourceAdmin, 1);
    const [service] = organization.services as Json[];
    const noArea = { ...service, id: randomUUID(), service_areas: [] };
    const unknownCategoryId = randomUUID();
    const unknownCategory = {
      ...service,
      id: unknownCategoryId,
      attributes: [
        ...(service.attributes as Json[])
          .filter(
            ({ taxonomy_term }) => (taxonomy_term as Json).taxonomy_id !== CATEGORY_TAXONOMY_ID,
          )
          .map((attribute) => ({ ...attribute, link_id: unknownCategoryId })),
        {
          id: randomUUID(),
          link_id: unknownCategoryId,
          link_entity: 'service',
          taxonomy_term: {
            id: randomUUID(),
            name: 'Legal aid',
            description: 'Legal aid',
            code: 'LA-1',
          },
        },
      ],
    };

    const job = await importAndWait(targetAdmin, {
      dryRun: true,
      organizations: [{ ...organization, services: [noArea, unknownCategory] }],
    });

    expect(job.rejected).toEqual([
      expect.objectContaining({
        id: noArea.id,
        problems: [expect.objectContaining({ field: expect.stringMatching(/service_areas$/) })],
      }),
      expect.objectContaining({
        id: unknownCategory.id,
        problems: [expect.objectContaining({ field: expect.stringMatching(/attributes$/) })],
      }),
    ]);
  });

  it("a service given on its own changes that service and leaves its organisation's others", async () => {
    const [riverbend] = (await exportAll(targetAdmin, 100)).filter(
      ({ services }) => (services as Json[]).length === 2,
    );
    const [first, second] = riverbend.services as Json[];
    const { services: _services, attributes: _attributes, ...scalars } = riverbend;

    // As GET /hsds/services/{id} gives it: the organisation's own fields, none of its attributes.
    const job = await importAndWait(targetAdmin, {
      options: { organizationType: 'mental-health-provider' },
      services: [{ ...first, name: 'Mobile crisis team (nights)', organization: scalars }],
    });

    expect(job.counts.organizations).toMatchObject({ update: 1 });
    const after = await targetAdmin.expect<Json>(200, 'GET', `/hsds/organizations/${riverbend.id}`);
    expect((after.services as Json[]).map(({ id, name }) => ({ id, name }))).toEqual(
      expect.arrayContaining([
        { id: first.id, name: 'Mobile crisis team (nights)' },
        { id: second.id, name: second.name },
      ]),
    );
  });

  it('a service the import refuses stays as Concord had it', async () => {
    const [riverbend] = (await exportAll(targetAdmin, 100)).filter(
      ({ services }) => (services as Json[]).length === 2,
    );
    const [first, second] = riverbend.services as Json[];

    const job = await importAndWait(targetAdmin, {
      organizations: [{ ...riverbend, services: [first, { ...second, service_areas: [] }] }],
    });

    expect(job.rejected.map(({ id }) => id)).toEqual([second.id]);
    const after = await targetAdmin.expect<Json>(
      200,
      'GET',
      `/hsds/services/${second.id as string}`,
    );
    expect(after.service_areas).toEqual(second.service_areas);
  });

  it('an empty dataset is refused', async () => {
    const answer = await targetAdmin.send('POST', '/hsds/import', { organizations: [] });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('HSDS_DATASET_EMPTY');
  });

  it('only an administrator imports', async () => {
    const auditor = new Api(target, await devToken('auditor'));
    expect((await auditor.send('POST', '/hsds/import', { organizations: [] })).status).toBe(403);
  });

  it('10,000 services import as a job whose progress counts records done out of the total', async () => {
    const now = new Date();
    const organizations = Array.from({ length: 500 }, (_, index) => {
      const view: OrganizationView = {
        ...CONCORD_ORGANIZATIONS[0],
        id: randomUUID(),
        name: `Bulk partner ${index}`,
        services: Array.from({ length: 20 }, (__, number) => ({
          ...CONCORD_ORGANIZATIONS[0].services[1],
          id: randomUUID(),
          name: `Service ${number}`,
          area: squareAround(-87.6 + number / 100, 41.8, 0.01),
        })),
      };
      return hsdsOrganizationOf(view, now);
    });
    const started = await targetAdmin.expect<Job>(202, 'POST', '/hsds/import', { organizations });
    expect(started).toMatchObject({ status: 'running', total: 10_500 });

    const seen: number[] = [];
    await eventually(
      'the 10,000-service import to finish',
      async () => {
        const job = await targetAdmin.expect<Job>(200, 'GET', `/hsds/import-jobs/${started.id}`);
        seen.push(job.done);
        return job.status === 'succeeded';
      },
      300_000,
    );

    expect(seen.some((done) => done > 0 && done < 10_500)).toBe(true);
    expect(seen.at(-1)).toBe(10_500);
    const page = await targetAdmin.expect<Page>(200, 'GET', '/hsds/services?search=Service%2019');
    expect(page.total_items).toBe(500);
  });

  it('an import whose process is killed mid-way is finished by the next one, each record once', async () => {
    const env = { HSDS_IMPORT_LEASE_MS: '2000' };
    const first = await startAgreementsService(env);
    const admin = new Api(first, await devToken('admin'));
    const now = new Date();
    const organizations = Array.from({ length: 300 }, (_, index) =>
      hsdsOrganizationOf(
        {
          ...CONCORD_ORGANIZATIONS[0],
          id: randomUUID(),
          name: `Resumed partner ${index}`,
          services: Array.from({ length: 10 }, (__, number) => ({
            ...CONCORD_ORGANIZATIONS[0].services[1],
            id: randomUUID(),
            name: `Service ${number}`,
          })),
        },
        now,
      ),
    );
    const started = await admin.expect<Job>(202, 'POST', '/hsds/import', { organizations });
    await eventually('the job to be part done', async () => {
      const job = await admin.expect<Job>(200, 'GET', `/hsds/import-jobs/${started.id}`);
      return job.done > 0 && job.status === 'running';
    });
    await first.kill9();

    const second = await startAgreementsService(env, first.env.DATABASE_URL);
    try {
      const api = new Api(second, await devToken('admin'));
      let job = started;
      await eventually(
        'the next process to finish the job',
        async () => {
          job = await api.expect<Job>(200, 'GET', `/hsds/import-jobs/${started.id}`);
          return job.status !== 'running';
        },
        120_000,
      );
      expect(job).toMatchObject({ status: 'succeeded', done: 3300, total: 3300 });
      expect(job.counts.organizations).toMatchObject({ create: 300, update: 0, rejected: 0 });
      const page = await api.expect<Page>(200, 'GET', '/hsds/organizations?search=Resumed');
      expect(page.total_items).toBe(300);
    } finally {
      await stopAgreementsService(second);
    }
  });
});
